package dev.sessiontracker.privacy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;
import dev.sessiontracker.support.RowLocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UserDataHttpTests extends HttpTest {

	@Test
	void exportHoldsEverythingStoredAboutTheUserAndNothingOfOthers() {
		String id = sessionWithData("export-me");
		sessionWithData("someone-else");

		JsonNode export = this.api.get("/api/v1/users/export-me/export").json();

		assertThat(export.get("userId").asString()).isEqualTo("export-me");
		assertThat(export.get("sessions").size()).isEqualTo(1);
		JsonNode session = export.get("sessions").get(0);
		assertThat(session.get("id").asString()).isEqualTo(id);
		assertThat(session.get("startTime").asString()).isEqualTo("2026-11-24T10:00:00.000000Z");
		assertThat(session.get("events").valueStream().map(e -> e.get("action").asString()))
			.containsExactly("page_view", "workflow_start");
		assertThat(session.at("/events/0/data/page").asString()).isEqualTo("/private");
		assertThat(session.at("/workflowExecutions/0/workflowId").asString()).isEqualTo("w1");
		assertThat(export.toString()).doesNotContain("someone-else");
	}

	@Test
	void eraseRemovesEverythingOfOneUserAndNothingOfAnother() {
		sessionWithData("erase-me");
		sessionWithData("erase-me");
		String kept = sessionWithData("keep-me");

		Api.Response erased = this.api.delete("/api/v1/users/erase-me");

		assertThat(erased.status()).isEqualTo(200);
		assertThat(erased.json().get("sessions").asLong()).isEqualTo(2);
		assertThat(erased.json().get("events").asLong()).isEqualTo(4);
		assertThat(erased.json().get("workflows").asLong()).isEqualTo(2);
		assertThat(count("SELECT count(*) FROM user_sessions WHERE user_id = 'erase-me'")).isZero();
		assertThat(count("SELECT count(*) FROM session_events e LEFT JOIN user_sessions s ON s.id = e.session_id "
				+ "WHERE s.id IS NULL")).as("no orphaned events").isZero();
		assertThat(this.api.get("/api/v1/users/erase-me/export").json().get("sessions").size()).isZero();
		assertThat(this.api.get("/api/v1/sessions/" + kept + "/events").json().size()).isEqualTo(2);
	}

	@Test
	void anErasureTakesTheEventsOfABatchInProgressAndNoLaterBatchStoresAny() throws Exception {
		String session = sessionWithData("erased-while-sending");
		CompletableFuture<Api.Response> erasure;
		try (Connection batch = RowLocks.open(); Statement sql = batch.createStatement()) {
			// what an event batch in progress holds: the session's row lock and its events, not yet committed
			RowLocks.lockSession(batch, session);
			sql.executeUpdate("INSERT INTO session_events (session_id, timestamp, event_type) VALUES ('" + session
					+ "', now(), 'click')");
			erasure = CompletableFuture.supplyAsync(() -> this.api.delete("/api/v1/users/erased-while-sending"));
			await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.waiting("%user_sessions%") == 1);
			batch.commit();
		}

		assertThat(erasure.get(10, TimeUnit.SECONDS).json().get("events").asLong()).isEqualTo(3);
		assertThat(count("SELECT count(*) FROM session_events WHERE session_id = '" + session + "'")).isZero();
		assertThat(this.api.post("/api/v1/sessions/" + session + "/events", "{\"events\": [{\"action\": \"a\"}]}")
			.status()).as("the session is gone").isEqualTo(404);
	}

	@Test
	void anErasureDoesNotWaitForAUserPatternRunThatIsReadingSessions() throws Exception {
		sessionWithData("erased-during-a-run");
		try (Connection run = RowLocks.open(); Statement sql = run.createStatement()) {
			// what a run holds from its start to its end: its mark (chunks of patterns commit on their own)
			sql.executeQuery("SELECT id FROM user_pattern_refresh FOR UPDATE");

			CompletableFuture<Api.Response> erasure = CompletableFuture
				.supplyAsync(() -> this.api.delete("/api/v1/users/erased-during-a-run"));

			assertThat(erasure.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
			run.rollback();
		}
		assertThat(count("SELECT count(*) FROM user_sessions WHERE user_id = 'erased-during-a-run'")).isZero();
	}

	@Test
	void exportAndEraseNeedTheReadKey() {
		Api stranger = new Api(this.port);

		assertThat(stranger.get("/api/v1/users/u/export").status()).isEqualTo(401);
		assertThat(stranger.delete("/api/v1/users/u").status()).isEqualTo(401);
	}

	private String sessionWithData(String userId) {
		String id = startSession(userId);
		this.api.post("/api/v1/sessions/" + id + "/events", Api.json(Map.of("events",
				List.of(Map.of("action", "page_view", "data", Map.of("page", "/private")),
						Map.of("action", "workflow_start", "data", Map.of("workflowId", "w1"))))));
		return id;
	}

	private long count(String sql) {
		return this.jdbc.queryForObject(sql, Long.class);
	}

}
