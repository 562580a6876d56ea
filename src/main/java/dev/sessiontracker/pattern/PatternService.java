package dev.sessiontracker.pattern;

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
			ORDER BY start_time DESC LIMIT :window""";

	// Every user with a session started since the cut-off, with their `window` most recent sessions, newest first.
	private static final String RECENT_USERS = """
			WITH active AS (SELECT DISTINCT user_id FROM user_sessions WHERE start_time >= ?
			                AND (? OR NOT is_bot)),
			ranked AS (
			    SELECT s.user_id, s.start_time, s.action_count, s.error_count, s.end_time IS NOT NULL AS ended,
			           CASE WHEN s.end_time IS NOT NULL THEN s.duration_seconds ELSE 0 END AS duration,
			           row_number() OVER (PARTITION BY s.user_id ORDER BY s.start_time DESC) AS rn
			    FROM user_sessions s JOIN active a ON a.user_id = s.user_id
			    WHERE ? OR NOT s.is_bot
			)
			SELECT * FROM ranked WHERE rn <= ? ORDER BY user_id, rn""";

	private static final String UPSERT = """
			INSERT INTO user_patterns (user_id, pattern, confidence, last_session_start, computed_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET pattern = EXCLUDED.pattern, confidence = EXCLUDED.confidence,
			    last_session_start = EXCLUDED.last_session_start, computed_at = EXCLUDED.computed_at""";

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
	 * Recomputes the stored pattern of every user with a session started since {@code since}. Rows stream in user
	 * order and are upserted a thousand users at a time, so memory stays flat however many users were active.
	 * @return how many users were classified
	 */
	@Transactional
	public long refreshUsersActiveSince(Instant since) {
		Upserts upserts = new Upserts(this.clock.instant());
		this.jdbcTemplate.query(connection -> {
			PreparedStatement ps = connection.prepareStatement(RECENT_USERS);
			ps.setFetchSize(5_000);
			ps.setObject(1, since.atOffset(ZoneOffset.UTC));
			ps.setBoolean(2, this.properties.includeBots());
			ps.setBoolean(3, this.properties.includeBots());
			ps.setInt(4, this.properties.window());
			return ps;
		}, (RowCallbackHandler) rs -> upserts.add(rs.getString("user_id"),
				rs.getObject("start_time", OffsetDateTime.class), summary(rs)));
		return upserts.finish();
	}

	/** Collects one user's sessions (newest first), classifies the user when the next one begins. */
	private final class Upserts {

		private final OffsetDateTime now;

		private final List<Object[]> batch = new ArrayList<>();

		private final List<SessionSummary> recent = new ArrayList<>();

		private String userId;

		private OffsetDateTime lastStart;

		private long users;

		Upserts(Instant now) {
			this.now = now.atOffset(ZoneOffset.UTC);
		}

		void add(String user, OffsetDateTime start, SessionSummary session) {
			if (!user.equals(this.userId)) {
				classifyCurrent();
				this.userId = user;
				this.lastStart = start;
			}
			this.recent.add(session);
		}

		long finish() {
			classifyCurrent();
			flush();
			return this.users;
		}

		private void classifyCurrent() {
			if (this.userId == null) {
				return;
			}
			UserPattern pattern = PatternService.this.users.classify(this.userId, this.recent);
			this.batch.add(new Object[] { this.userId, pattern.pattern().value(), pattern.confidence(), this.lastStart,
					this.now });
			this.recent.clear();
			this.users++;
			if (this.batch.size() >= 1_000) {
				flush();
			}
		}

		private void flush() {
			PatternService.this.jdbcTemplate.batchUpdate(UPSERT, this.batch);
			this.batch.clear();
		}

	}

	private static SessionSummary summary(ResultSet rs) throws SQLException {
		return new SessionSummary(rs.getLong("duration"), rs.getInt("action_count"), rs.getInt("error_count"),
				rs.getBoolean("ended"));
	}

}
