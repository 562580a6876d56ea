package dev.sessiontracker.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionTests extends HttpTest {

	@Autowired
	StatsJobs jobs;

	@Test
	void deletesExactlyTheSessionsOlderThanTheRetentionWithTheirEventsAndKeepsTheirDailyStats() {
		deleteAllSessions();
		Instant cutoff = T0.minus(Duration.ofDays(30));
		UUID old = insertSession("r1", cutoff.minusNanos(1000), cutoff.plusSeconds(5), 1, 0, "/old", "/old");
		UUID kept = insertSession("r2", cutoff, cutoff.plusSeconds(5), 1, 0, "/kept", "/kept");
		for (UUID id : new UUID[] { old, kept }) {
			this.jdbc.update("INSERT INTO session_events (id, session_id, timestamp, event_type) VALUES (?, ?, ?, ?)",
					UUID.randomUUID(), id, utc(cutoff), "click");
			this.jdbc.update("INSERT INTO workflow_executions (session_id, workflow_id, started_at) VALUES (?, ?, ?)",
					id, "wf", utc(cutoff));
		}

		this.jobs.deleteExpiredSessions();

		assertThat(this.jdbc.queryForList("SELECT id FROM user_sessions", UUID.class)).containsExactly(kept);
		assertThat(this.jdbc.queryForList("SELECT session_id FROM session_events", UUID.class)).containsExactly(kept);
		assertThat(this.jdbc.queryForList("SELECT session_id FROM workflow_executions", UUID.class))
			.containsExactly(kept);
		LocalDate oldDay = LocalDate.ofInstant(cutoff, java.time.ZoneOffset.UTC);
		assertThat(this.jdbc.queryForObject("SELECT total_sessions FROM daily_session_stats WHERE date = ?",
				Integer.class, oldDay)).as("the day was rolled up before its sessions went").isEqualTo(2);
	}

	@Test
	void aDayRetentionTrimmedKeepsItsRowWhenSessionsImportedSinceBringItsCountBackUp() {
		deleteAllSessions();
		Instant cutoff = T0.minus(Duration.ofDays(30)); // 2026-10-25T10:00Z: the 25th is the edge
		for (int i = 1; i <= 4; i++) {
			Instant start = cutoff.minus(Duration.ofHours(i));
			insertSession("gone-" + i, start, start.plusSeconds(60), 1, 0, "/gone", "/gone");
		}
		insertSession("kept", cutoff.plusSeconds(60), cutoff.plusSeconds(120), 1, 0, "/kept", "/kept");
		this.jobs.deleteExpiredSessions(); // rolls the 25th up whole (5), then deletes four of its sessions
		for (int i = 1; i <= 4; i++) { // imported since, after the cut-off
			Instant start = cutoff.plus(Duration.ofHours(i));
			insertSession("imported-" + i, start, start.plusSeconds(60), 1, 0, "/imported", "/imported");
		}

		Api.Response asked = this.api.post("/api/v1/stats/daily/2026-10-25/rollup", null);

		assertThat(asked.status()).isEqualTo(200);
		assertThat(asked.json().get("totalSessions").asInt()).as("the row retention trimmed, as stored; 1 + 4 before")
			.isEqualTo(5);
		assertThat(asked.json().get("mostCommonEntry").asString()).isEqualTo("/gone");
	}

	@Test
	void deletesInChunksUntilNothingOldIsLeft() {
		deleteAllSessions();
		for (int i = 0; i < 2500; i++) {
			insertSession("bulk", T0.minus(Duration.ofDays(40)).plusSeconds(i), null, 0, 0, "/", null);
		}

		this.jobs.deleteExpiredSessions();

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM user_sessions", Long.class)).isZero();
	}

}
