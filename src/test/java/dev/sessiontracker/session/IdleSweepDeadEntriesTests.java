package dev.sessiontracker.session;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.sessiontracker.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idle sweep marks dead, as it goes, the open-session index entries of the sessions it closes, so the sweep
 * after it does not visit each one's row. PostgreSQL marks an entry only when no transaction could still see the
 * row, so this runs on a database of its own, with autovacuum off for the table: nothing else holds a snapshot.
 */
class IdleSweepDeadEntriesTests {

	private static final OffsetDateTime CUTOFF = Instant.parse("2026-11-24T10:00:00Z").atOffset(ZoneOffset.UTC);

	@Test
	void aSweepLeavesNoDeadIndexEntriesForTheNextSweepToVisit() {
		TestDatabase db = TestDatabase.get();
		String url = db.createDatabase("sweep_dead_entries");
		Flyway.configure().dataSource(url, db.username(), db.password()).load().migrate();
		DataSource dataSource = new DriverManagerDataSource(url, db.username(), db.password());
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("ALTER TABLE user_sessions SET (autovacuum_enabled = false)");
		// 3 000 idle sessions among 87 000 closed ones, one or two to a heap page.
		jdbc.update("""
				INSERT INTO user_sessions (id, user_id, start_time, last_seen, end_time, entry_page)
				SELECT gen_random_uuid(), 'dead-entries', ts, ts, CASE WHEN g % 30 <> 0 THEN ts END, '/'
				FROM (SELECT g, ?::timestamptz - g * interval '1 second' AS ts FROM generate_series(1, 90000) g) s""",
				CUTOFF);
		jdbc.execute("ANALYZE user_sessions");

		long closed = new IdleSessionSweeper(JdbcClient.create(dataSource), millis -> {
		}).closeIdleBefore(CUTOFF.toInstant(), 500, 0);

		assertThat(closed).isEqualTo(3000);
		// Left in the index, the closed sessions' entries would send the next sweep to each one's heap page (1 640
		// buffers when each chunk resumed after the last); marked dead by the sweep's own chunks, they are skipped
		// on the index pages (20).
		assertThat(buffersAnEmptySweepTouches(dataSource)).isLessThan(300);
	}

	/**
	 * Shared buffers the sweep's own statement touches when nothing is left to close, as EXPLAIN ANALYZE counts
	 * them (run once: it marks what it visits).
	 */
	private static long buffersAnEmptySweepTouches(DataSource dataSource) {
		String plan = JdbcClient.create(dataSource)
			.sql("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + IdleSessionSweeper.CLOSE_CHUNK)
			.param("from", IdleSessionSweeper.EARLIEST)
			.param("cutoff", CUTOFF)
			.param("chunk", 500)
			.query(String.class)
			.single();
		assertThat(plan).contains("idx_sessions_open");
		JsonNode top = JsonMapper.shared().readTree(plan).get(0).get("Plan");
		return top.get("Shared Hit Blocks").asLong() + top.get("Shared Read Blocks").asLong();
	}

}
