package dev.sessiontracker.privacy;

import java.time.ZoneOffset;
import java.util.Objects;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sessiontracker.pattern.PatternService;
import dev.sessiontracker.session.SessionColumns;
import dev.sessiontracker.session.SessionService;
import dev.sessiontracker.stats.DailyStatsService;

/**
 * Export and erasure of one user's data (GDPR articles 15, 17 and 20). Daily statistics are aggregates: an erasure
 * computes the user's days again without them. No IP address is ever stored.
 */
@Service
public class UserDataService {

	private static final String EXPORT = """
			SELECT json_build_object(
			    'userId', CAST(:userId AS text),
			    'sessions', COALESCE((
			        SELECT json_agg(json_build_object(
			            'id', s.id, 'startTime', %1$s, 'lastSeen', %2$s, 'endTime', %3$s,
			            'duration', %7$s,
			            'device', json_build_object('type', s.device_type, 'browser', s.browser, 'os', s.os,
			                                        'screenSize', s.screen_size, 'bot', s.is_bot),
			            'entry', json_build_object('page', s.entry_page, 'source', s.entry_source,
			                                       'referrer', s.referrer, 'campaign', s.campaign),
			            'exit', json_build_object('page', %8$s, 'reason', %9$s,
			                                      'lastAction', s.last_action),
			            'actions', s.action_count, 'errors', s.error_count, 'workflows', s.workflow_count,
			            'events', COALESCE((
			                SELECT json_agg(json_build_object('id', e.id, 'action', e.event_type,
			                                                  'timestamp', %4$s, 'data', e.event_data)
			                                ORDER BY e.timestamp, e.id)
			                FROM session_events e WHERE e.session_id = s.id), '[]'),
			            'workflowExecutions', COALESCE((
			                SELECT json_agg(json_build_object('workflowId', w.workflow_id, 'startedAt', %5$s,
			                                                  'completedAt', %6$s) ORDER BY w.workflow_id)
			                FROM workflow_executions w WHERE w.session_id = s.id), '[]')
			        ) ORDER BY s.start_time)
			        FROM user_sessions s WHERE s.user_id = :userId), '[]'),
			    'pattern', (SELECT json_build_object('pattern', p.pattern, 'confidence', p.confidence)
			                FROM user_patterns p WHERE p.user_id = :userId)
			)::text""".formatted(utc("s.start_time"), utc("COALESCE(s.last_seen, s.start_time)"),
			utc(SessionColumns.endTime("s", ":cutoff")), utc("e.timestamp"), utc("w.started_at"),
			utc("w.completed_at"), SessionColumns.durationSeconds("s", ":cutoff"),
			SessionColumns.exitPage("s", ":cutoff"), SessionColumns.exitReason("s", ":cutoff"));

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

	private final DailyStatsService stats;

	private final TransactionTemplate transactions;

	private final CacheManager caches;

	UserDataService(JdbcClient jdbc, PatternService patterns, SessionService sessions, DailyStatsService stats,
			PlatformTransactionManager transactionManager, CacheManager caches) {
		this.jdbc = jdbc;
		this.patterns = patterns;
		this.sessions = sessions;
		this.stats = stats;
		this.transactions = new TransactionTemplate(transactionManager);
		this.caches = caches;
	}

	/**
	 * Everything stored about the user, as one JSON document (empty lists for an unknown user); a session that has
	 * timed out reads as ended, as the idle sweep will close it.
	 */
	@Transactional(readOnly = true)
	public String export(String userId) {
		return this.jdbc.sql(EXPORT)
			.param("userId", userId)
			.param("cutoff", this.sessions.idleCutoff().atOffset(ZoneOffset.UTC))
			.query(String.class)
			.single();
	}

	/**
	 * Deletes the user's sessions, events, workflows and stored pattern, in one statement, and computes the stored
	 * days of those sessions again without them ({@link DailyStatsService#recomputingDaysOf}), in one transaction;
	 * once it has committed, the answers the read caches keep (daily statistics, insights, active sessions) are
	 * dropped, so no read shows the user afterwards.
	 * <p>
	 * A user-pattern job in progress may have read the user's sessions already: the erasure first waits for the chunk
	 * of patterns the job may be storing now and keeps the next one waiting until it commits
	 * (PatternService.holdPatternWrites), so that the user's pattern is either stored before the statement, which
	 * deletes it, or not at all. It then locks the user's sessions, waiting for the event batches in progress (each
	 * holds its session's lock) to commit, so that the statement, whose snapshot is taken after that, sees and
	 * deletes their events; a batch after it finds no session. (Within the one statement, the delete of the sessions
	 * would wait for them but the delete of the events, reading the statement's snapshot, would leave theirs behind.)
	 */
	public Erased erase(String userId) {
		Erased erased = this.transactions.execute(status -> {
			this.patterns.holdPatternWrites();
			this.jdbc.sql(LOCK_SESSIONS).param("userId", userId).query().rowSet();
			return this.stats.recomputingDaysOf(userId, () -> this.jdbc.sql(ERASE)
				.param("userId", userId)
				.query((rs, n) -> new Erased(userId, rs.getLong("sessions"), rs.getLong("events"),
						rs.getLong("workflows")))
				.single());
		});
		this.caches.getCacheNames()
			.stream()
			.map(this.caches::getCache)
			.filter(Objects::nonNull)
			.forEach(Cache::clear);
		this.sessions.forgetKeptActive();
		return erased;
	}

	/** What an erasure removed. */
	public record Erased(String userId, long sessions, long events, long workflows) {
	}

	/** Times as the API writes them: ISO-8601 instants in UTC. */
	private static String utc(String column) {
		return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
	}

}
