package dev.sessiontracker.pattern;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sessiontracker.session.Session;
import dev.sessiontracker.session.SessionService;

/** Classifies users (by their recent sessions) and ended sessions (by their events). */
@Service
public class PatternService {

	private static final String RECENT_SESSIONS = """
			SELECT CASE WHEN end_time IS NOT NULL THEN duration_seconds ELSE 0 END AS duration,
			       action_count, error_count, end_time IS NOT NULL AS ended
			FROM user_sessions WHERE user_id = :userId AND (:includeBots OR NOT is_bot)
			ORDER BY start_time DESC, id DESC LIMIT :window""";

	/*
	 * Every user with a session started since the cut-off, with the totals the rules read from their `window` most
	 * recent sessions, ordered as RECENT_SESSIONS orders them: what UserPatternClassifier.Totals.of adds up in Java,
	 * added up here, so that one row a user leaves PostgreSQL. Each user's sessions are read through the index on
	 * (user_id, start_time DESC) and at most `window` of them, however long the user's history.
	 */
	private static final String RECENT_USERS = """
			WITH active AS (SELECT DISTINCT user_id FROM user_sessions WHERE start_time >= ?
			                AND (? OR NOT is_bot))
			SELECT a.user_id, r.*
			FROM active a CROSS JOIN LATERAL (
			    SELECT count(*) AS sessions,
			           coalesce(sum(greatest(duration_seconds, 0)) FILTER (WHERE ended), 0) AS ended_seconds,
			           coalesce(sum(action_count), 0) AS actions,
			           count(*) FILTER (WHERE NOT ended) AS open_sessions,
			           coalesce((array_agg(error_count ORDER BY start_time DESC, id DESC))[1], 0) AS last_errors,
			           max(start_time) AS last_start
			    FROM (SELECT id, start_time, duration_seconds, action_count, error_count, end_time IS NOT NULL AS ended
			          FROM user_sessions s WHERE s.user_id = a.user_id AND (? OR NOT s.is_bot)
			          ORDER BY start_time DESC, id DESC LIMIT ?) recent) r""";

	/*
	 * A chunk of users' patterns at once, from parallel arrays (user, pattern, confidence, latest start). A user's row
	 * is rewritten only when one of those changed (computed_at then says when): the hourly job re-classifies everyone
	 * active in two days, mostly to the same answer, and an unchanged row left alone writes no new row version.
	 */
	private static final String UPSERT = """
			INSERT INTO user_patterns AS old (user_id, pattern, confidence, last_session_start, computed_at)
			SELECT u, p, c, l, ? FROM unnest(?::varchar[], ?::varchar[], ?::numeric[], ?::timestamptz[]) t(u, p, c, l)
			ON CONFLICT (user_id) DO UPDATE SET pattern = EXCLUDED.pattern, confidence = EXCLUDED.confidence,
			    last_session_start = EXCLUDED.last_session_start, computed_at = EXCLUDED.computed_at
			WHERE (old.pattern, old.confidence, old.last_session_start)
			      IS DISTINCT FROM (EXCLUDED.pattern, EXCLUDED.confidence, EXCLUDED.last_session_start)""";

	private static final int CHUNK = 5_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final SessionService sessions;

	private final PatternProperties properties;

	private final UserPatternClassifier users;

	private final SessionPatternClassifier sessionClassifier = new SessionPatternClassifier();

	private final Clock clock;

	PatternService(JdbcClient jdbc, JdbcTemplate jdbcTemplate, SessionService sessions, PatternProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.sessions = sessions;
		this.properties = properties;
		this.users = new UserPatternClassifier(properties);
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public UserPattern userPattern(String userId) {
		List<SessionSummary> recent = this.jdbc.sql(RECENT_SESSIONS)
			.param("userId", userId)
			.param("window", this.properties.window())
			.param("includeBots", this.properties.includeBots())
			.query((rs, n) -> summary(rs))
			.list();
		return this.users.classify(userId, recent);
	}

	/** @throws SessionStillOpenException while the session is open: a pattern describes a whole session */
	@Transactional(readOnly = true)
	public SessionPattern sessionPattern(UUID id) {
		Session session = this.sessions.get(id);
		if (!session.isEnded()) {
			throw new SessionStillOpenException(id);
		}
		List<EventFacts> events = this.jdbc.sql("""
				SELECT event_type, timestamp,
				       CASE WHEN event_type = 'page_view' THEN event_data->>'page' END AS page,
				       CASE WHEN event_type IN ('workflow_start', 'workflow_complete')
				            THEN event_data->>'workflowId' END AS workflow_id
				FROM session_events WHERE session_id = :id ORDER BY timestamp, id""")
			.param("id", id)
			.query((rs, n) -> new EventFacts(rs.getString("event_type"),
					rs.getObject("timestamp", OffsetDateTime.class).toInstant(), rs.getString("page"),
					rs.getString("workflow_id")))
			.list();
		return this.sessionClassifier.classify(session.duration(), events);
	}

	/**
	 * Recomputes the stored pattern of every user with a session started since {@code since}: one row a user streams
	 * from PostgreSQL with the totals of their recent sessions, and the patterns go back {@value #CHUNK} users a
	 * statement, so memory stays flat however many users were active.
	 * @return how many users were classified
	 */
	@Transactional
	public long refreshUsersActiveSince(Instant since) {
		Upserts upserts = new Upserts(this.clock.instant());
		boolean includeBots = this.properties.includeBots();
		this.jdbcTemplate.query(connection -> {
			PreparedStatement ps = connection.prepareStatement(RECENT_USERS);
			ps.setFetchSize(CHUNK);
			ps.setObject(1, since.atOffset(ZoneOffset.UTC));
			ps.setBoolean(2, includeBots);
			ps.setBoolean(3, includeBots);
			ps.setInt(4, this.properties.window());
			return ps;
		}, (RowCallbackHandler) rs -> upserts.add(this.users.classify(rs.getString("user_id"),
				new UserPatternClassifier.Totals(rs.getInt("sessions"), rs.getLong("ended_seconds"),
						rs.getLong("actions"), rs.getInt("open_sessions"), rs.getInt("last_errors"))),
				rs.getObject("last_start", OffsetDateTime.class)));
		return upserts.finish();
	}

	/** Collects classified users and stores them a chunk at a time. */
	private final class Upserts {

		private final OffsetDateTime now;

		private final List<Stored> chunk = new ArrayList<>(CHUNK);

		private long classified;

		Upserts(Instant now) {
			this.now = now.atOffset(ZoneOffset.UTC);
		}

		void add(UserPattern pattern, OffsetDateTime lastStart) {
			this.chunk.add(new Stored(pattern, lastStart));
			this.classified++;
			if (this.chunk.size() >= CHUNK) {
				flush();
			}
		}

		long finish() {
			flush();
			return this.classified;
		}

		private void flush() {
			if (this.chunk.isEmpty()) {
				return;
			}
			PatternService.this.jdbcTemplate.update(connection -> {
				PreparedStatement ps = connection.prepareStatement(UPSERT);
				ps.setObject(1, this.now);
				ps.setArray(2, text(connection, s -> s.pattern().userId()));
				ps.setArray(3, text(connection, s -> s.pattern().pattern().value()));
				ps.setArray(4, text(connection, s -> Double.toString(s.pattern().confidence())));
				ps.setArray(5, text(connection, s -> s.lastStart().toString()));
				return ps;
			});
			this.chunk.clear();
		}

		/** One column of the chunk, as a text array for {@code unnest}. */
		private Array text(Connection connection, Function<Stored, String> column) throws SQLException {
			return connection.createArrayOf("text", this.chunk.stream().map(column).toArray(String[]::new));
		}

	}

	private record Stored(UserPattern pattern, OffsetDateTime lastStart) {
	}

	private static SessionSummary summary(ResultSet rs) throws SQLException {
		return new SessionSummary(rs.getLong("duration"), rs.getInt("action_count"), rs.getInt("error_count"),
				rs.getBoolean("ended"));
	}

}
