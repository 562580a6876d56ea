package dev.sessiontracker.stats;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.sessiontracker.support.HttpTest;
import dev.sessiontracker.support.RowLocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Retention deletes a session with every event it took, also those of a batch in progress as it runs. */
class RetentionRaceTests extends HttpTest {

	@Autowired
	private RetentionService retention;

	@Test
	void retentionTakesTheEventsOfABatchInProgressAndLeavesNoneWithoutItsSession() throws Exception {
		deleteAllSessions();
		String session = startSession("retained-while-sending");
		CompletableFuture<Long> deleted;
		try (Connection batch = RowLocks.open(); Statement sql = batch.createStatement()) {
			// what an event batch in progress holds: the session's row lock and its events, not yet committed
			RowLocks.lockSession(batch, session);
			sql.executeUpdate("INSERT INTO session_events (session_id, timestamp, event_type) VALUES ('" + session
					+ "', now(), 'click')");
			deleted = CompletableFuture
				.supplyAsync(() -> this.retention.deleteStartedBefore(this.clock.instant().plusSeconds(60)));
			await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.waiting("%user_sessions%") == 1);
			batch.commit();
		}

		assertThat(deleted.get(10, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM session_events e WHERE NOT EXISTS "
				+ "(SELECT 1 FROM user_sessions s WHERE s.id = e.session_id)", Long.class))
			.as("events without their session")
			.isZero();
	}

}
