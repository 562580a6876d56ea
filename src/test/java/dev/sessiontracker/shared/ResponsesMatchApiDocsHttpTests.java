package dev.sessiontracker.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real answers of the running service, each validated with a JSON Schema 2020-12 validator against the schema that
 * /v3/api-docs gives its operation and status, as response-validating tools (schemathesis, openapi-core) do: open,
 * ended and imported sessions, unknown devices, empty days and ranges.
 */
class ResponsesMatchApiDocsHttpTests extends HttpTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
			builder -> builder.metaSchema(OpenApi31.getInstance())
				.defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));

	private static final SchemaValidatorsConfig FORMATS_ASSERTED = SchemaValidatorsConfig.builder()
		.formatAssertionsEnabled(true)
		.build();

	// A day no other test uses, so that the day before it has no sessions at all.
	private static final Instant NOW = Instant.parse("2029-06-13T12:00:00Z");

	private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);

	private final String user = "u-oas-" + UUID.randomUUID();

	private JsonNode docs;

	@BeforeEach
	void readDocs() throws Exception {
		this.clock.set(NOW);
		this.docs = JSON.readTree(this.api.get("/v3/api-docs").body());
	}

	@AfterEach
	void eraseUserAndDays() {
		this.api.delete("/api/v1/users/" + this.user);
		for (String table : List.of("daily_session_stats", "daily_action_usage", "daily_action_pairs", "daily_hours",
				"daily_durations", "daily_exits", "daily_workflows")) {
			this.jdbc.update("DELETE FROM " + table + " WHERE date BETWEEN ? AND ?", TODAY.minusDays(1), TODAY);
		}
	}

	@Test
	void anOpenSessionOfAnUnknownDeviceAndWhatIsAnsweredAboutItMatchTheirSchemas() throws Exception {
		JsonNode started = valid("post", "/api/v1/sessions/start", this.api.post("/api/v1/sessions/start",
				"{\"userId\": \"" + this.user + "\"}", Map.of("User-Agent", "no-such-agent")));
		String id = started.get("id").asText();
		assertThat(started.at("/device/screenSize").isNull()).as("an unknown device's screen").isTrue();
		assertThat(started.at("/device/os").asText()).as("an unknown device's system, as uap-core names it")
			.isEqualTo("Other");
		assertThat(started.get("exit").isNull()).as("an open session's exit").isTrue();
		assertThat(started.get("endTime").isNull()).as("an open session's end").isTrue();

		valid("post", "/api/v1/sessions/start", this.api.post("/api/v1/sessions/start", """
				{"userId": "%s", "device": {"type": "mobile", "browser": "Chrome", "os": "Android", "screenSize":
				 "400x800", "bot": false}, "entry": {"page": "/p?utm_campaign=c", "referrer": "https://x.example/"}}"""
			.formatted(this.user)));
		valid("post", "/api/v1/sessions/{id}/event", post(id, "/event", "{\"action\": \"click\"}"));
		valid("post", "/api/v1/sessions/{id}/events", post(id, "/events", """
				{"events": [{"action": "page_view", "data": {"page": "/a"}},
				            {"action": "workflow_start", "data": {"workflowId": "w"}}]}"""));
		valid("post", "/api/v1/sessions/{id}/heartbeat", post(id, "/heartbeat", null));
		valid("get", "/api/v1/sessions/{id}", get("/api/v1/sessions/" + id));
		JsonNode events = valid("get", "/api/v1/sessions/{id}/events", get("/api/v1/sessions/" + id + "/events"));
		assertThat((Iterable<JsonNode>) events).as("an event sent without data")
			.anyMatch(event -> event.get("data").isNull());
		valid("get", "/api/v1/sessions/{id}/abandoned-workflows", get("/api/v1/sessions/" + id + "/abandoned-workflows"));
		valid("get", "/api/v1/sessions/active", get("/api/v1/sessions/active?limit=3"));
		valid("get", "/api/v1/sessions/user/{userId}/current", get("/api/v1/sessions/user/" + this.user + "/current"));
		valid("get", "/api/v1/sessions/user/{userId}/history", get("/api/v1/sessions/user/" + this.user + "/history"));
		valid("get", "/api/v1/sessions/patterns/{userId}", get("/api/v1/sessions/patterns/" + this.user));
		valid("get", "/api/v1/sessions/patterns/{userId}", get("/api/v1/sessions/patterns/u-oas-nobody"));
		valid("get", "/api/v1/users/{userId}/export", get("/api/v1/users/" + this.user + "/export"));
	}

	@Test
	void endedSessionsTheirPatternsAndTheirWorkflowsMatchTheirSchemas() throws Exception {
		String id = startSession(this.user);
		post(id, "/events", """
				{"events": [{"action": "workflow_start", "data": {"workflowId": "checkout"}},
				            {"action": "workflow_complete", "data": {"workflowId": "only-completed"}}]}""");
		this.clock.set(NOW.plusSeconds(1500));
		JsonNode ended = valid("post", "/api/v1/sessions/{id}/end", post(id, "/end", "{\"reason\": \"logout\"}"));
		assertThat(ended.at("/exit/page").isNull()).as("the exit page of a session without pages").isTrue();
		String bounce = startSession(this.user);
		post(bounce, "/end", "{\"reason\": \"navigation\"}");

		valid("get", "/api/v1/sessions/{id}", get("/api/v1/sessions/" + id));
		valid("get", "/api/v1/sessions/{id}/abandoned-workflows", get("/api/v1/sessions/" + id + "/abandoned-workflows"));
		valid("get", "/api/v1/sessions/{id}/pattern", get("/api/v1/sessions/" + id + "/pattern"));
		JsonNode pattern = valid("get", "/api/v1/sessions/patterns/{userId}",
				get("/api/v1/sessions/patterns/" + this.user));
		assertThat(pattern.get("avgDuration").isIntegralNumber()).as("avgDuration, whole seconds").isTrue();
		valid("get", "/api/v1/sessions/bounces", get("/api/v1/sessions/bounces?date=" + TODAY));
		valid("get", "/api/v1/users/{userId}/export", get("/api/v1/users/" + this.user + "/export"));
	}

	@Test
	void sessionsImportedBySqlAndTheStatisticsOfTheirDayMatchTheirSchemas() throws Exception {
		UUID imported = insertSession(this.user, NOW.minusSeconds(600), NOW.minusSeconds(590), 0, 0, null, null);
		UUID withoutReason = UUID.randomUUID();
		this.jdbc.update("INSERT INTO user_sessions (id, user_id, start_time, end_time) VALUES (?, ?, ?, ?)",
				withoutReason, this.user, utc(NOW.minusSeconds(500)), utc(NOW.minusSeconds(400)));
		this.jdbc.update("INSERT INTO session_events (session_id, timestamp, event_type) VALUES (?, ?, 'import')",
				withoutReason, utc(NOW.minusSeconds(450)));

		JsonNode session = valid("get", "/api/v1/sessions/{id}", get("/api/v1/sessions/" + withoutReason));
		assertThat(session.at("/exit/reason").isNull()).as("the exit reason of an imported session").isTrue();
		valid("get", "/api/v1/sessions/{id}", get("/api/v1/sessions/" + imported));
		valid("get", "/api/v1/sessions/{id}/events", get("/api/v1/sessions/" + withoutReason + "/events"));
		valid("get", "/api/v1/sessions/user/{userId}/history", get("/api/v1/sessions/user/" + this.user + "/history"));
		valid("get", "/api/v1/sessions/bounces", get("/api/v1/sessions/bounces?date=" + TODAY));
		valid("get", "/api/v1/users/{userId}/export", get("/api/v1/users/" + this.user + "/export"));

		String range = "?from=" + TODAY.minusDays(1) + "&to=" + TODAY;
		JsonNode days = valid("get", "/api/v1/stats/daily", get("/api/v1/stats/daily" + range));
		assertThat(days.at("/0/mostCommonEntry").isNull()).as("an empty day's most common entry").isTrue();
		assertThat(days.at("/1/mostCommonExit").isNull()).as("the most common exit of a day without pages").isTrue();
		valid("post", "/api/v1/stats/daily/{date}/rollup", this.api.post("/api/v1/stats/daily/" + TODAY + "/rollup", null));
		JsonNode leave = valid("get", "/api/v1/insights/leave", get("/api/v1/insights/leave" + range));
		assertThat((Iterable<JsonNode>) leave.get("exitReasons")).as("the exit reason of an imported session")
			.anyMatch(reason -> reason.get("name").isNull());
		for (String insight : List.of("activity", "stay", "leave", "together", "engagement")) {
			valid("get", "/api/v1/insights/" + insight, get("/api/v1/insights/" + insight + range));
			valid("get", "/api/v1/insights/" + insight,
					get("/api/v1/insights/" + insight + "?from=" + TODAY.minusDays(1) + "&to=" + TODAY.minusDays(1)));
		}
	}

	@Test
	void jobsAndAnErasureMatchTheirSchemas() throws Exception {
		this.clock.set(T0);
		startSession(this.user);

		valid("get", "/api/v1/jobs", get("/api/v1/jobs"));
		valid("post", "/api/v1/jobs/{name}", this.api.post("/api/v1/jobs/idle-session-closer", null));
		valid("delete", "/api/v1/users/{userId}", this.api.delete("/api/v1/users/" + this.user));
	}

	private Api.Response get(String uri) {
		return this.api.get(uri);
	}

	private Api.Response post(String id, String action, String body) {
		return this.api.post("/api/v1/sessions/" + id + action, body);
	}

	/**
	 * The answer, valid against the schema the document gives its operation and status (refs resolved within the
	 * document, formats asserted).
	 */
	private JsonNode valid(String method, String path, Api.Response answer) throws Exception {
		String where = method + " " + path + " " + answer.status() + " " + answer.body();
		JsonNode schema = this.docs.path("paths")
			.path(path)
			.path(method)
			.path("responses")
			.path(Integer.toString(answer.status()))
			.at("/content/application~1json/schema");
		assertThat(answer.status()).as(where).isBetween(200, 299);
		assertThat(schema.isMissingNode()).as("documented: " + where).isFalse();
		ObjectNode root = JSON.createObjectNode();
		root.set("components", this.docs.get("components"));
		root.putArray("allOf").add(schema);
		JsonNode body = JSON.readTree(answer.body());
		Set<ValidationMessage> errors = SCHEMAS.getSchema(root, FORMATS_ASSERTED).validate(body);
		assertThat(errors).as(where).isEmpty();
		return body;
	}

}
