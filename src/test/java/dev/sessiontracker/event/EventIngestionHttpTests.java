package dev.sessiontracker.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

class EventIngestionHttpTests extends HttpTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void singleEventIsAcceptedAndCountsAsAnActionThatMovesLastSeen() {
		String id = startSession("e1");
		Instant later = this.clock.advance(Duration.ofMinutes(2));

		Api.Response response = this.api.post("/api/v1/sessions/" + id + "/event",
				Api.json(Map.of("action", "click_signup", "data", Map.of("button", "hero"))));

		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
		assertThat(response.json().get("duplicates").asInt()).isZero();
		JsonNode session = this.api.get("/api/v1/sessions/" + id).json();
		assertThat(session.get("actions").asInt()).isEqualTo(1);
		assertThat(Instant.parse(session.get("lastSeen").asString())).isEqualTo(later);
		JsonNode events = this.api.get("/api/v1/sessions/" + id + "/events").json();
		assertThat(events.get(0).get("action").asString()).isEqualTo("click_signup");
		assertThat(events.get(0).at("/data/button").asString()).isEqualTo("hero");
		assertThat(Instant.parse(events.get(0).get("timestamp").asString())).isEqualTo(later);
	}

	@Test
	void dataKeepsTheJsonTypesItWasSentWith() {
		String id = startSession("e1-types");
		String data = "{\"items\": 3, \"total\": 19.99, \"gift\": true, \"coupon\": null, "
				+ "\"sizes\": [42, 43.5, false], \"big\": 123456789012345678901234567890, "
				+ "\"nested\": {\"n\": -1, \"s\": \"7\"}, \"zero\": 0.0, \"small\": 1e-300, \"none\": 0e-999999, "
				+ "\"\\ud83d\\ude00\": \"\\ud83d\\ude00 \uD83D\uDE00\"}";

		Api.Response response = this.api.post("/api/v1/sessions/" + id + "/event",
				"{\"action\": \"checkout\", \"data\": " + data + "}");

		assertThat(response.status()).as(response.body()).isEqualTo(202);
		JsonNode stored = this.api.get("/api/v1/sessions/" + id + "/events").json().get(0).get("data");
		assertThat(stored).isEqualTo(JSON.readTree(data));
	}

	@Test
	void batchCountsErrorsActionsAndWorkflowsStarted() {
		String id = startSession("e2");

		Api.Response response = this.api.post("/api/v1/sessions/" + id + "/events", Api.json(Map.of("events",
				List.of(Map.of("action", "error", "data", Map.of("message", "boom")), Map.of("action", "error"),
						Map.of("action", "workflow_start", "data", Map.of("workflowId", "checkout")),
						Map.of("action", "workflow_start", "data", Map.of("workflowId", 7)),
						Map.of("action", "search")))));

		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(5);
		JsonNode session = this.api.get("/api/v1/sessions/" + id).json();
		assertThat(session.get("actions").asInt()).isEqualTo(5);
		assertThat(session.get("errors").asInt()).isEqualTo(2);
		assertThat(session.get("workflows").asInt()).isEqualTo(2);
	}

	@Test
	void replayedBatchStoresNothingTwiceAndReportsDuplicates() {
		String id = startSession("e3");
		String batch = Api.json(Map.of("events",
				List.of(Map.of("id", UUID.randomUUID().toString(), "action", "a"),
						Map.of("id", UUID.randomUUID().toString(), "action", "error"),
						Map.of("id", UUID.randomUUID().toString(), "action", "c"))));

		JsonNode first = this.api.post("/api/v1/sessions/" + id + "/events", batch).json();
		JsonNode second = this.api.post("/api/v1/sessions/" + id + "/events", batch).json();

		assertThat(first.get("accepted").asInt()).isEqualTo(3);
		assertThat(second.get("accepted").asInt()).isZero();
		assertThat(second.get("duplicates").asInt()).isEqualTo(3);
		JsonNode session = this.api.get("/api/v1/sessions/" + id).json();
		assertThat(session.get("actions").asInt()).isEqualTo(3);
		assertThat(session.get("errors").asInt()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/sessions/" + id + "/events").json().size()).isEqualTo(3);
	}

	@Test
	void aRequestOfDuplicatesOnlyIsNoActivity() {
		String id = startSession("e3b");
		String batch = Api.json(Map.of("events", List.of(Map.of("id", UUID.randomUUID().toString(), "action", "a"))));
		this.api.post("/api/v1/sessions/" + id + "/events", batch);
		String lastSeen = this.api.get("/api/v1/sessions/" + id).text("lastSeen");

		this.clock.advance(Duration.ofMinutes(5));
		JsonNode retried = this.api.post("/api/v1/sessions/" + id + "/events", batch).json();

		assertThat(retried.get("duplicates").asInt()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/sessions/" + id).text("lastSeen")).as("a retry moves nothing").isEqualTo(lastSeen);
	}

	@Test
	void anIdRepeatedInsideOneBatchIsStoredOnce() {
		String id = startSession("e4");
		String eventId = UUID.randomUUID().toString();

		JsonNode result = this.api.post("/api/v1/sessions/" + id + "/events", Api.json(Map.of("events",
				List.of(Map.of("id", eventId, "action", "a"), Map.of("id", eventId, "action", "a"),
						Map.of("action", "b")))))
			.json();

		assertThat(result.get("accepted").asInt()).isEqualTo(2);
		assertThat(result.get("duplicates").asInt()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("actions").asInt()).isEqualTo(2);
	}

	@Test
	void eventsComeBackOldestFirstByTheirTimestamps() {
		String id = startSession("e5");
		this.api.post("/api/v1/sessions/" + id + "/events", Api.json(Map.of("events",
				List.of(Map.of("action", "third", "timestamp", "2026-11-24T09:59:30Z"),
						Map.of("action", "first", "timestamp", "2026-11-24T09:50:00Z"),
						Map.of("action", "second", "timestamp", "2026-11-24T09:55:00Z")))));
		this.api.post("/api/v1/sessions/" + id + "/events",
				Api.json(Map.of("events", List.of(Map.of("action", "fourth"), Map.of("action", "fifth")))));

		List<String> actions = this.api.get("/api/v1/sessions/" + id + "/events").json().valueStream()
			.map(e -> e.get("action").asString())
			.toList();

		assertThat(actions).containsExactly("first", "second", "third", "fourth", "fifth");
	}

	@Test
	void aLateRetriedPageViewDoesNotMoveTheCurrentPageBackwards() {
		String id = startSession("e6");
		this.api.post("/api/v1/sessions/" + id + "/event", Api.json(Map.of("action", "page_view", "timestamp",
				"2026-11-24T09:59:00Z", "data", Map.of("page", "/newer"))));
		this.api.post("/api/v1/sessions/" + id + "/event", Api.json(Map.of("action", "page_view", "timestamp",
				"2026-11-24T09:58:00Z", "data", Map.of("page", "/older"))));

		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("currentPage").asString()).isEqualTo("/newer");
		JsonNode ended = this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "navigation")))
			.json();
		assertThat(ended.at("/exit/page").asString()).isEqualTo("/newer");
		assertThat(ended.at("/exit/lastAction").asString()).isEqualTo("page_view");
	}

	@Test
	void eventsStampedAheadOfTheServersClockAreHeldAtTheReceiveTimeSoTheyNeitherFixTheExitPageNorAbandonWorkflows() {
		// the test clock stands at 2026-11-24T10:00:00Z; this client's runs 23 hours ahead
		String id = startSession("e6-ahead");
		this.api.post("/api/v1/sessions/" + id + "/events", Api.json(Map.of("events", List.of(
				Map.of("action", "page_view", "timestamp", "2026-11-25T08:59:58Z", "data", Map.of("page", "/ahead")),
				Map.of("action", "workflow_start", "timestamp", "2026-11-25T09:00:00Z", "data",
						Map.of("workflowId", "checkout"))))));
		this.clock.advance(Duration.ofSeconds(5));
		this.api.post("/api/v1/sessions/" + id + "/events", Api.json(Map.of("events", List.of(
				Map.of("action", "workflow_complete", "data", Map.of("workflowId", "checkout")),
				Map.of("action", "page_view", "data", Map.of("page", "/real"))))));

		List<String> times = this.api.get("/api/v1/sessions/" + id + "/events").json().valueStream()
			.map(e -> e.get("action").asString() + "@" + e.get("timestamp").asString())
			.toList();
		assertThat(times.subList(0, 2)).as("held at the receive time, in their order")
			.containsExactly("page_view@2026-11-24T10:00:00Z", "workflow_start@2026-11-24T10:00:00Z");
		JsonNode ended = this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout")))
			.json();
		assertThat(ended.at("/exit/page").asString()).isEqualTo("/real");
		assertThat(this.api.get("/api/v1/sessions/" + id + "/abandoned-workflows").json().size()).isZero();
	}

	@Test
	void aPageViewWhosePageIsNotAStringIsRefusedAndLeavesTheCurrentPage() {
		String id = startSession("e6-page");
		this.api.post("/api/v1/sessions/" + id + "/event",
				Api.json(Map.of("action", "page_view", "data", Map.of("page", "/pricing"))));

		Api.Response object = this.api.post("/api/v1/sessions/" + id + "/event",
				"{\"action\": \"page_view\", \"data\": {\"page\": {\"x\": 1}}}");
		Api.Response array = this.api.post("/api/v1/sessions/" + id + "/event",
				"{\"action\": \"page_view\", \"data\": {\"page\": [\"/a\"]}}");
		Api.Response otherAction = this.api.post("/api/v1/sessions/" + id + "/event",
				"{\"action\": \"click\", \"data\": {\"page\": {\"x\": 1}}}");

		for (Api.Response refused : List.of(object, array)) {
			assertThat(refused.status()).as(refused.body()).isEqualTo(400);
			assertThat(refused.text("field")).isEqualTo("data.page");
			assertThat(refused.text("detail")).isEqualTo("data.page: must be a string");
		}
		assertThat(otherAction.status()).as("data is free-form for other actions").isEqualTo(202);
		JsonNode session = this.api.get("/api/v1/sessions/" + id).json();
		assertThat(session.get("actions").asInt()).isEqualTo(2);
		assertThat(session.get("currentPage").asString()).isEqualTo("/pricing");
	}

	@Test
	void workflowsStartedAndNotCompletedAreAbandonedOnceTheSessionEnds() {
		String id = startSession("e7");
		this.api.post("/api/v1/sessions/" + id + "/events", Api.json(Map.of("events", List.of(
				Map.of("action", "workflow_start", "timestamp", "2026-11-24T09:58:00Z", "data",
						Map.of("workflowId", "onboarding")),
				Map.of("action", "workflow_start", "timestamp", "2026-11-24T09:59:00Z", "data",
						Map.of("workflowId", "checkout")),
				Map.of("action", "workflow_complete", "data", Map.of("workflowId", "checkout"))))));
		this.api.post("/api/v1/sessions/" + id + "/event", Api.json(Map.of("action", "workflow_start", "timestamp",
				"2026-11-24T09:59:30Z", "data", Map.of("workflowId", "export"))));

		assertThat(this.api.get("/api/v1/sessions/" + id + "/abandoned-workflows").json().size()).isZero();
		this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout")));

		JsonNode abandoned = this.api.get("/api/v1/sessions/" + id + "/abandoned-workflows").json();
		assertThat(abandoned.valueStream().map(w -> w.get("workflowId").asString())).containsExactly("onboarding",
				"export");
		assertThat(abandoned.get(0).get("startedAt").asString()).isEqualTo("2026-11-24T09:58:00Z");
		assertThat(this.jdbc.queryForList("""
				SELECT w.workflow_id FROM workflow_executions w JOIN user_sessions s ON s.id = w.session_id
				WHERE w.session_id = ?::uuid AND w.session_start = s.start_time ORDER BY 1""", String.class, id))
			.as("each with its session's start, by which a day's workflows are read")
			.containsExactly("checkout", "export", "onboarding");
	}

	@Test
	void eventsStampedByTheServerKeepTheirOrderAndEndAtTheLastSeenTheyMove() {
		String id = startSession("e9");
		this.clock.advance(Duration.ofSeconds(5));
		this.api.post("/api/v1/sessions/" + id + "/events",
				Api.json(Map.of("events", List.of(Map.of("action", "a"), Map.of("action", "b"), Map.of("action", "c")))));

		JsonNode events = this.api.get("/api/v1/sessions/" + id + "/events").json();
		assertThat(events.valueStream().map(e -> e.get("action").asString())).containsExactly("a", "b", "c");
		assertThat(events.get(2).get("timestamp").asString()).as("the receive time, as lastSeen")
			.isEqualTo(this.api.get("/api/v1/sessions/" + id).json().get("lastSeen").asString())
			.isEqualTo("2026-11-24T10:00:05Z");
	}

	@Test
	void aWorkflowStartedAgainAfterItCompletedIsAbandonedIfThatAttemptDoesNotComplete() {
		String id = startSession("e7");
		this.api.post("/api/v1/sessions/" + id + "/events", Api.json(Map.of("events", List.of(
				workflowEvent("workflow_start", "checkout", "09:50:00"),
				workflowEvent("workflow_complete", "checkout", "09:52:00"),
				workflowEvent("workflow_start", "search", "09:51:00"),
				workflowEvent("workflow_complete", "search", "09:53:00")))));
		// the second checkout; then a late retry of an earlier start of each, which must not undo anything
		this.api.post("/api/v1/sessions/" + id + "/event",
				Api.json(workflowEvent("workflow_start", "checkout", "09:55:00")));
		this.api.post("/api/v1/sessions/" + id + "/events",
				Api.json(Map.of("events", List.of(workflowEvent("workflow_start", "checkout", "09:49:00"),
						workflowEvent("workflow_start", "search", "09:50:30")))));
		this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout")));

		JsonNode abandoned = this.api.get("/api/v1/sessions/" + id + "/abandoned-workflows").json();
		assertThat(abandoned.valueStream().map(w -> w.get("workflowId").asString() + "@" + w.get("startedAt").asString()))
			.as("the second checkout, from its start; search completed after its latest start")
			.containsExactly("checkout@2026-11-24T09:55:00Z");
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("workflows").asInt()).as("starts")
			.isEqualTo(5);
	}

	private static Map<String, Object> workflowEvent(String action, String workflowId, String time) {
		return Map.of("action", action, "timestamp", "2026-11-24T" + time + "Z", "data",
				Map.of("workflowId", workflowId));
	}

	@Test
	void aWorkflowStoredWithoutItsSessionsStartGetsItFromTheNextEventOfIt() {
		String id = startSession("e8");
		// as SQL that does not know the column (an import, or a row stored before it) left it
		this.jdbc.update("INSERT INTO workflow_executions (session_id, workflow_id, started_at) "
				+ "VALUES (?::uuid, 'checkout', now())", id);
		this.api.post("/api/v1/sessions/" + id + "/event",
				Api.json(Map.of("action", "workflow_complete", "data", Map.of("workflowId", "checkout"))));

		assertThat(this.jdbc.queryForObject("""
				SELECT w.session_start = s.start_time AND w.completed_at IS NOT NULL
				FROM workflow_executions w JOIN user_sessions s ON s.id = w.session_id
				WHERE w.session_id = ?::uuid""", Boolean.class, id)).isTrue();
	}

	@Test
	void eventsForAnEndedSessionAre409AndStoreNothing() {
		String id = startSession("e8");
		this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout")));

		Api.Response single = this.api.post("/api/v1/sessions/" + id + "/event", Api.json(Map.of("action", "a")));
		Api.Response batch = this.api.post("/api/v1/sessions/" + id + "/events",
				Api.json(Map.of("events", List.of(Map.of("action", "a")))));

		assertThat(single.status()).isEqualTo(409);
		assertThat(batch.status()).isEqualTo(409);
		assertThat(batch.text("type")).endsWith("/session-ended");
		assertThat(this.api.get("/api/v1/sessions/" + id + "/events").json().size()).isZero();
	}

	@Test
	void eventsForASessionIdleLongerThanTheTimeoutEndItAtItsLastActivity() {
		String id = startSession("e9");
		this.clock.advance(Duration.ofMinutes(45));

		Api.Response response = this.api.post("/api/v1/sessions/" + id + "/event", Api.json(Map.of("action", "a")));

		assertThat(response.status()).isEqualTo(409);
		JsonNode session = this.api.get("/api/v1/sessions/" + id).json();
		assertThat(Instant.parse(session.get("endTime").asString())).isEqualTo(T0);
		assertThat(session.get("actions").asInt()).isZero();
	}

	@Test
	void aBatchWithEndIsStoredAndThenEndsTheSessionAtItsLastPage() {
		String id = startSession("e10");
		this.clock.advance(Duration.ofMinutes(3));

		Api.Response response = this.api.post("/api/v1/sessions/" + id + "/events?end=navigation",
				Api.json(Map.of("events", List.of(Map.of("action", "page_view", "data", Map.of("page", "/pricing")),
						Map.of("action", "click_plan")))));

		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(2);
		JsonNode session = this.api.get("/api/v1/sessions/" + id).json();
		assertThat(session.get("actions").asInt()).isEqualTo(2);
		assertThat(session.get("active").asBoolean()).isFalse();
		assertThat(session.get("duration").asInt()).isEqualTo(180);
		assertThat(session.at("/exit/reason").asString()).isEqualTo("navigation");
		assertThat(session.at("/exit/page").asString()).isEqualTo("/pricing");
		assertThat(session.at("/exit/lastAction").asString()).isEqualTo("click_plan");
	}

	@Test
	void aRefusedBatchWithEndOrAnUnknownReasonStoresNothingAndLeavesTheSessionOpen() {
		String id = startSession("e11");
		String tooFarAhead = T0.plus(Duration.ofDays(2)).toString();

		Api.Response badEvent = this.api.post("/api/v1/sessions/" + id + "/events?end=navigation",
				Api.json(Map.of("events", List.of(Map.of("action", "a"), Map.of("action", "b", "timestamp",
						tooFarAhead)))));
		Api.Response badReason = this.api.post("/api/v1/sessions/" + id + "/events?end=later",
				Api.json(Map.of("events", List.of(Map.of("action", "a")))));

		assertThat(badEvent.status()).isEqualTo(400);
		assertThat(badEvent.text("field")).isEqualTo("events[1].timestamp");
		assertThat(badReason.status()).isEqualTo(400);
		assertThat(badReason.text("field")).isEqualTo("end");
		assertThat(badReason.text("detail")).isEqualTo("end: must be one of logout, timeout, error, navigation");
		JsonNode session = this.api.get("/api/v1/sessions/" + id).json();
		assertThat(session.get("active").asBoolean()).isTrue();
		assertThat(session.get("actions").asInt()).isZero();
		assertThat(this.api.get("/api/v1/sessions/" + id + "/events").json().size()).isZero();
	}

	@Test
	void aBatchWithEndForAnEndedSessionIs409AndChangesNothing() {
		String id = startSession("e12");
		this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout")));

		Api.Response response = this.api.post("/api/v1/sessions/" + id + "/events?end=navigation",
				Api.json(Map.of("events", List.of(Map.of("action", "a")))));

		assertThat(response.status()).isEqualTo(409);
		JsonNode session = this.api.get("/api/v1/sessions/" + id).json();
		assertThat(session.at("/exit/reason").asString()).isEqualTo("logout");
		assertThat(session.get("actions").asInt()).isZero();
	}

	@Test
	void eventsForAnUnknownSessionAre404() {
		String unknown = "/api/v1/sessions/" + UUID.randomUUID();

		assertThat(this.api.post(unknown + "/event", Api.json(Map.of("action", "a"))).status()).isEqualTo(404);
		assertThat(this.api.get(unknown + "/events").status()).isEqualTo(404);
		assertThat(this.api.get(unknown + "/abandoned-workflows").status()).isEqualTo(404);
	}

}
