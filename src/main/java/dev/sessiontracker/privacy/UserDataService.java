package dev.sessiontracker.privacy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sessiontracker.pattern.PatternService;
import dev.sessiontracker.session.SessionService;
import dev.sessiontracker.stats.DailyStatsService;

/**
 * Erasure of one user's data (GDPR article 17; {@link UserExporter} exports it). Daily statistics are aggregates: an
 * erasure computes the user's days again without them. No IP address is ever stored.
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
	 * Deletes the user's sessions, events, workflows and stored pattern, in one statement, and with them the stored
	 * rows of the days those sessions started on ({@link DailyStatsService#forgetDaysOf}), in one transaction that
	 * holds the sessions' locks, for which the event batches and heartbeats sent to them wait, for milliseconds. Once it
	 * has committed, the answers the read caches keep (daily statistics, insights, active sessions) are dropped and
	 * those days computed again without the user (reads count them live meanwhile), so no read shows the user.
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
		List<LocalDate> days = new ArrayList<>();
		Erased erased = this.transactions.execute(status -> {
			this.patterns.holdPatternWrites();
			// first, as it may wait for a rollup of one of those days: the sessions' locks are held from here to the
			// commit only
			days.addAll(this.stats.forgetDaysOf(userId));
			this.jdbc.sql(LOCK_SESSIONS).param("userId", userId).query().rowSet();
			return this.jdbc.sql(ERASE)
				.param("userId", userId)
				.query((rs, n) -> new Erased(userId, rs.getLong("sessions"), rs.getLong("events"),
						rs.getLong("workflows")))
				.single();
		});
		this.caches.getCacheNames()
			.stream()
			.map(this.caches::getCache)
			.filter(Objects::nonNull)
			.forEach(Cache::clear);
		this.sessions.forgetKeptActive();
		this.stats.recompute(days);
		return erased;
	}

	/** What an erasure removed. */
	public record Erased(String userId, long sessions, long events, long workflows) {
	}

}
