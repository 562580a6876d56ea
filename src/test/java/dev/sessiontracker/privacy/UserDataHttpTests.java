package dev.sessiontracker.privacy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
	void anErasureWaitingForARollupOfTheUsersDayKeepsNoHeartbeatOfTheirsWaiting() throws Exception {
		String session = startSession("erased-during-a-rollup");
		assertThat(this.api.post("/api/v1/stats/daily/2026-11-24/rollup", null).status()).isEqualTo(200);
		try (Connection rollup = RowLocks.open(); Statement sql = rollup.createStatement()) {
			// what a rollup of the day holds while it computes the day (seconds for a million sessions)
			sql.executeQuery("SELECT date FROM daily_session_stats WHERE date = '2026-11-24' FOR UPDATE");
			CompletableFuture<Api.Response> erasure = CompletableFuture
				.supplyAsync(() -> this.api.delete("/api/v1/users/erased-during-a-rollup"));
			await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.waiting("%daily_session_stats%") == 1);

			CompletableFuture<Api.Response> heartbeat = CompletableFuture
				.supplyAsync(() -> this.api.post("/api/v1/sessions/" + session + "/heartbeat", null));

			assertThat(heartbeat.get(10, TimeUnit.SECONDS).status()).as("answered while the erasure waits")
				.isEqualTo(200);
			rollup.rollback();
			assertThat(erasure.get(10, TimeUnit.SECONDS).json().get("sessions").asLong()).isEqualTo(1);
		}
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

	@Test
	void anErasureComputesTheStoredDaysOfTheUsersSessionsAgainWithoutThem() {
		deleteAllSessions();
		Instant day = Instant.parse("2026-11-20T09:00:00Z");
		for (Instant start : List.of(day, day.plus(Duration.ofHours(1)))) {
			UUID erased = insertSession("erased.user", start, start.plusSeconds(60), 1, 0, "/profile/erased.user",
					"/bye/erased.user");
			this.jdbc.update("INSERT INTO workflow_executions (session_id, workflow_id, started_at) VALUES (?, ?, ?)",
					erased, "wf-erased.user", utc(start));
		}
		insertSession("kept.user", day.plus(Duration.ofHours(2)), day.plus(Duration.ofHours(3)), 1, 0, "/home",
				"/done");
		// the day after: one of its sessions goes before the erasure, as retention takes them
		Instant nextDay = day.plus(Duration.ofDays(1));
		insertSession("erased.user", nextDay, nextDay.plusSeconds(60), 1, 0, "/profile/erased.user", "/x");
		UUID gone = insertSession("kept.user", nextDay, nextDay.plusSeconds(60), 1, 0, "/home", "/x");
		assertThat(this.api.post("/api/v1/stats/daily/2026-11-20/rollup", null).json().get("mostCommonEntry")
			.asString()).isEqualTo("/profile/erased.user");
		assertThat(this.api.post("/api/v1/stats/daily/2026-11-21/rollup", null).json().get("totalSessions").asInt())
			.isEqualTo(2);
		this.jdbc.update("DELETE FROM user_sessions WHERE id = ?", gone);
		// a month on, both days at or beyond the retention (P30D), whose job deletes their sessions in chunks
		this.clock.set(Instant.parse("2026-12-21T10:00:00Z"));

		assertThat(this.api.delete("/api/v1/users/erased.user").status()).isEqualTo(200);

		JsonNode days = this.api.get("/api/v1/stats/daily?from=2026-11-20&to=2026-11-21").json();
		assertThat(days.get(0).get("totalSessions").asInt()).isEqualTo(1);
		assertThat(days.get(0).get("mostCommonEntry").asString()).isEqualTo("/home");
		assertThat(days.get(0).get("mostCommonExit").asString()).isEqualTo("/done");
		assertThat(count("SELECT count(*) FROM daily_exits WHERE exit_page LIKE '%erased.user%'")).isZero();
		assertThat(count("SELECT count(*) FROM daily_workflows WHERE workflow_id LIKE '%erased.user%'")).isZero();
		assertThat(this.api.get("/api/v1/insights/leave?from=2026-11-20&to=2026-11-20").body())
			.doesNotContain("erased.user");
		assertThat(days.get(1).get("totalSessions").asInt()).as("computed again it would lose the other session too")
			.isEqualTo(2);
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
