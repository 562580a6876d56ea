package dev.sessiontracker.privacy;

import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sessiontracker.pattern.PatternService;
import dev.sessiontracker.session.SessionService;

/**
 * Export and erasure of one user's data (GDPR articles 15, 17 and 20). Daily statistics are anonymous
 * aggregates and stay; no IP address is ever stored.
 */
@Service
public class UserDataService {

	private static final String LOCK_SESSIONS = "SELECT id FROM user_sessions WHERE user_id = :userId FOR UPDATE";

	private static final String ERASE = """
			WITH s AS (SELECT id FROM user_sessions WHERE user_id = :userId),
			events AS (DELETE FROM session_events e USING s WHERE e.session_id = s.id RETURNING 1),
			workflows AS (DELETE FROM workflow_executions w USING s WHERE w.session_id = s.id RETURNING 1),
			pattern AS (DELETE FROM user_patterns WHERE user_id = :userId RETURNING 1),
			sessions AS (DELETE FROM user_sessions WHERE user_id = :userId RETURNING 1)
			SELECT (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM events) AS events,
			       (SELECT count(*) FROM workflows) AS workflows""";

	private final JdbcClient jdbc;

	private final PatternService patterns;

	private final SessionService sessions;

	UserDataService(JdbcClient jdbc, PatternService patterns, SessionService sessions) {
		this.jdbc = jdbc;
		this.patterns = patterns;
		this.sessions = sessions;
	}

	/**
	 * Deletes the user's sessions, events, workflows and stored pattern, in one statement. A user-pattern job in
	 * progress may have read the user's sessions already: the erasure first waits for the chunk of patterns the job
	 * may be storing now and keeps the next one waiting until it commits (PatternService.holdPatternWrites), so that
	 * the user's pattern is either stored before the statement, which deletes it, or not at all. It then locks the
	 * user's sessions, waiting for the event batches in progress (each holds its session's lock) to commit, so that
	 * the statement, whose snapshot is taken after that, sees and deletes their events; a batch after it finds no
	 * session. (Within the one statement, the delete of the sessions would wait for them but the delete of the
	 * events, reading the statement's snapshot, would leave theirs behind.)
	 */
	@Transactional
	public Erased erase(String userId) {
		this.patterns.holdPatternWrites();
		this.jdbc.sql(LOCK_SESSIONS).param("userId", userId).query().rowSet();
		return this.jdbc.sql(ERASE)
			.param("userId", userId)
			.query((rs, n) -> new Erased(userId, rs.getLong("sessions"), rs.getLong("events"), rs.getLong("workflows")))
			.single();
	}

	/** What an erasure removed. */
	public record Erased(String userId, long sessions, long events, long workflows) {
	}

}
