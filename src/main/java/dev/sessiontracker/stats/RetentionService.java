package dev.sessiontracker.stats;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Deletes sessions that started before the retention cut-off, with their events and workflows, a bounded chunk
 * of sessions per statement, oldest first. Their days are rolled up first, so daily statistics outlive them; the
 * user-pattern job's next run deletes the stored patterns computed from them alone and computes again those computed
 * partly from them (it relies on the oldest going first).
 */
@Service
public class RetentionService {

	private static final String DELETE_CHUNK = """
			WITH old AS (
			    SELECT id FROM user_sessions WHERE start_time < :cutoff ORDER BY start_time LIMIT :chunk
			), events AS (
			    DELETE FROM session_events e USING old WHERE e.session_id = old.id
			), workflows AS (
			    DELETE FROM workflow_executions w USING old WHERE w.session_id = old.id
			)
			DELETE FROM user_sessions s USING old WHERE s.id = old.id""";

	private final JdbcClient jdbc;

	private final DailyStatsService stats;

	private final StatsProperties properties;

	RetentionService(JdbcClient jdbc, DailyStatsService stats, StatsProperties properties) {
		this.jdbc = jdbc;
		this.stats = stats;
		this.properties = properties;
	}

	/** @return how many sessions were deleted */
	public long deleteStartedBefore(Instant cutoff) {
		this.stats.rollupPendingDays();
		long deleted = 0;
		int n;
		do {
			n = this.jdbc.sql(DELETE_CHUNK)
				.param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
				.param("chunk", this.properties.retentionChunk())
				.update();
			deleted += n;
		}
		while (n == this.properties.retentionChunk());
		return deleted;
	}

}
