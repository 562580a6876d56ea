package dev.sessiontracker.stats;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sessiontracker.shared.PostgresZone;

/**
 * Deletes sessions that started before the retention cut-off, with their events and workflows, a bounded chunk
 * of sessions per statement, oldest first. Their days are rolled up first, so daily statistics outlive them, and
 * marked as trimmed, so that no later rollup replaces them with a count of what is left; the
 * user-pattern job's next run deletes the stored patterns computed from them alone and computes again those computed
 * partly from them (it relies on the oldest going first).
 */
@Service
public class RetentionService {

	// Locks the chunk first, in a statement of its own: it waits for the event batches in progress on those sessions
	// (each holds its session's lock) to commit, so that the delete, whose snapshot is taken after that, sees their
	// events. Within the one delete statement, the delete of the sessions would wait for them, but the delete of the
	// events, reading the statement's snapshot, would leave theirs behind, with no session. The delete then takes the
	// sessions it locked by their ids, rather than looking for them again.
	private static final String LOCK_CHUNK = """
			SELECT id FROM user_sessions WHERE start_time < :cutoff ORDER BY start_time LIMIT :chunk FOR UPDATE""";

	private static final String DELETE_CHUNK = """
			WITH old AS (
			    SELECT unnest(:ids::uuid[]) AS id
			), events AS (
			    DELETE FROM session_events e USING old WHERE e.session_id = old.id
			), workflows AS (
			    DELETE FROM workflow_executions w USING old WHERE w.session_id = old.id
			), deleted AS (
			    DELETE FROM user_sessions s USING old WHERE s.id = old.id RETURNING s.start_time
			), trimmed AS (
			    UPDATE daily_session_stats SET retention_trimmed = TRUE
			    WHERE NOT retention_trimmed
			      AND date IN (SELECT DISTINCT CAST(start_time AT TIME ZONE :localZone AS date) FROM deleted)
			)
			SELECT count(*) FROM deleted""";

	private final JdbcClient jdbc;

	private final DailyStatsService stats;

	private final StatsProperties properties;

	private final TransactionTemplate transactions;

	RetentionService(JdbcClient jdbc, DailyStatsService stats, StatsProperties properties,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.stats = stats;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactions);
	}

	/** @return how many sessions were deleted */
	public long deleteStartedBefore(Instant cutoff) {
		this.stats.rollupPendingDays();
		long deleted = 0;
		int n;
		do {
			n = this.transactions.execute(status -> deleteChunk(cutoff));
			deleted += n;
		}
		while (n == this.properties.retentionChunk());
		return deleted;
	}

	private int deleteChunk(Instant cutoff) {
		List<UUID> locked = this.jdbc.sql(LOCK_CHUNK)
			.param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
			.param("chunk", this.properties.retentionChunk())
			.query(UUID.class)
			.list();
		if (locked.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql(DELETE_CHUNK)
			.param("ids", new SqlParameterValue(Types.ARRAY, locked.toArray(UUID[]::new)))
			.param("localZone", PostgresZone.of(this.properties.zone()))
			.query(Integer.class)
			.single();
	}

}
