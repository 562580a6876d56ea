package dev.sessiontracker.session;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Closes idle sessions in SQL, a bounded chunk per statement (each its own short transaction), so a sweep of a
 * million sessions never holds many row locks at once and ingestion keeps flowing between chunks.
 */
@Component
class IdleSessionSweeper {

	// Rows a writer holds locked are skipped (SKIP LOCKED): that writer either commits activity, keeping the
	// session open, or finds it closed on its next attempt. A session is never both closed and updated.
	private static final String CLOSE_CHUNK = """
			WITH idle AS (
			    SELECT id FROM user_sessions
			    WHERE end_time IS NULL AND start_time < :cutoff AND COALESCE(last_seen, start_time) < :cutoff
			    LIMIT :chunk
			    FOR UPDATE SKIP LOCKED
			)
			UPDATE user_sessions u
			SET end_time = COALESCE(u.last_seen, u.start_time),
			    duration_seconds = floor(extract(epoch FROM COALESCE(u.last_seen, u.start_time) - u.start_time)),
			    exit_reason = 'timeout',
			    exit_page = COALESCE(u.exit_page, u.entry_page)
			FROM idle
			WHERE u.id = idle.id""";

	private final JdbcClient jdbc;

	IdleSessionSweeper(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @return how many sessions were closed */
	long closeIdleBefore(Instant cutoff, int chunk) {
		long closed = 0;
		int n;
		do {
			n = this.jdbc.sql(CLOSE_CHUNK)
				.param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
				.param("chunk", chunk)
				.update();
			closed += n;
		}
		while (n == chunk);
		return closed;
	}

}
