package dev.sessiontracker.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The session's hot writes, one SQL statement (one round trip, its own transaction) each: start with the active
 * session cap checked in the same statement, and the end of an open, unexpired session. What they cannot do
 * (an unknown, ended or timed-out session) is left to the slow path in {@link SessionGuard}.
 */
@Component
class SessionWrites {

	private static final String COLUMNS = """
			id, user_id, start_time, last_seen, end_time, duration_seconds, device_type, browser, os, screen_size,
			is_bot, entry_page, entry_source, referrer, campaign, exit_page, exit_reason, last_action, action_count,
			error_count, workflow_count""";

	// The cap counts at most :cap of the user's open, unexpired sessions. Its action types start empty (known to be
	// none) rather than NULL (not kept), so that event ingestion keeps them. "Open" is num_nulls(end_time) = 1, not
	// end_time IS NULL: the same test, but one the open-session index's predicate does not match, so the planner
	// cannot AND that index (every open session) with the user's. Without statistics (a new database in its first
	// minute, before autovacuum has analysed it) it did, and each start read every open session's index entry:
	// starts fell to a twentieth and kept falling as sessions opened (OpenSessionPlanTests).
	static final String START = """
			INSERT INTO user_sessions (id, user_id, start_time, last_seen, device_type, browser, os, screen_size,
			                           is_bot, entry_page, entry_source, referrer, campaign, action_types)
			SELECT :id, :userId, :now, :now, :deviceType, :browser, :os, :screenSize, :bot, :entryPage, :entrySource,
			       :referrer, :campaign, '{}'
			WHERE (SELECT count(*) FROM (SELECT 1 FROM user_sessions
			                             WHERE user_id = :userId AND num_nulls(end_time) = 1
			                               AND COALESCE(last_seen, start_time) >= :cutoff
			                             LIMIT :cap) open) < :cap
			RETURNING id""";

	// Never before the last activity: a batch that committed between this request reading the clock and taking
	// the row lock has moved last_seen past :now, and the session ends there, not before it.
	private static final String END = """
			UPDATE user_sessions SET
			    end_time = GREATEST(:now, start_time, last_seen),
			    duration_seconds = floor(extract(epoch FROM GREATEST(:now, start_time, last_seen) - start_time)),
			    exit_reason = :reason,
			    exit_page = COALESCE(:page, exit_page, entry_page),
			    last_action = COALESCE(:lastAction, last_action)
			WHERE id = :id AND end_time IS NULL AND COALESCE(last_seen, start_time) >= :cutoff
			RETURNING\s""" + COLUMNS;

	private final JdbcClient jdbc;

	SessionWrites(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts the new session unless its user has {@code cap} active sessions already. */
	boolean insertUnderCap(Session session, Instant cutoff, int cap) {
		Device device = session.getDevice();
		Entry entry = session.getEntry();
		return this.jdbc.sql(START)
			.param("id", session.getId())
			.param("userId", session.getUserId())
			.param("now", utc(session.getStartTime()))
			.param("deviceType", device.type().value())
			.param("browser", device.browser())
			.param("os", device.os())
			.param("screenSize", device.screenSize())
			.param("bot", device.bot())
			.param("entryPage", entry.page())
			.param("entrySource", entry.source().value())
			.param("referrer", entry.referrer())
			.param("campaign", entry.campaign())
			.param("cutoff", utc(cutoff))
			.param("cap", cap)
			.query(UUID.class)
			.optional()
			.isPresent();
	}

	/** Ends the session if it is open and was active at or after {@code cutoff}; empty otherwise. */
	Optional<Session> endOpen(UUID id, Instant now, Instant cutoff, ExitReason reason, String page,
			String lastAction) {
		return this.jdbc.sql(END)
			.param("id", id)
			.param("now", utc(now))
			.param("cutoff", utc(cutoff))
			.param("reason", reason.value())
			.param("page", page)
			.param("lastAction", lastAction)
			.query((rs, n) -> read(rs))
			.optional();
	}

	private static Session read(ResultSet rs) throws SQLException {
		return Session.restore(rs.getObject("id", UUID.class), rs.getString("user_id"), instant(rs, "start_time"),
				instant(rs, "last_seen"), instant(rs, "end_time"), (Integer) rs.getObject("duration_seconds"),
				new Session.Columns(rs.getString("device_type"), rs.getString("browser"), rs.getString("os"),
						rs.getString("screen_size"), rs.getBoolean("is_bot"), rs.getString("entry_page"),
						rs.getString("entry_source"), rs.getString("referrer"), rs.getString("campaign"),
						rs.getString("exit_page"), rs.getString("exit_reason"), rs.getString("last_action")),
				rs.getInt("action_count"), rs.getInt("error_count"), rs.getInt("workflow_count"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value != null ? value.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
