package dev.sessiontracker.shared;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsHttpTests extends HttpTest {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping handlers;

	@Test
	void openApiDocumentDescribesEveryEndpointOfTheContract() {
		JsonNode paths = this.api.get("/v3/api-docs").json().get("paths");

		assertThat(paths.propertyNames()).contains("/api/v1/sessions/start", "/api/v1/sessions/{id}/heartbeat",
				"/api/v1/sessions/{id}/event", "/api/v1/sessions/{id}/events", "/api/v1/sessions/{id}/end",
				"/api/v1/sessions/{id}", "/api/v1/sessions/{id}/abandoned-workflows", "/api/v1/sessions/active",
				"/api/v1/sessions/user/{userId}/current", "/api/v1/sessions/user/{userId}/history",
				"/api/v1/sessions/bounces", "/api/v1/stats/daily", "/api/v1/stats/daily/{date}/rollup",
				"/api/v1/sessions/patterns/{userId}", "/api/v1/sessions/{id}/pattern", "/api/v1/insights/activity",
				"/api/v1/insights/stay", "/api/v1/insights/leave", "/api/v1/insights/together",
				"/api/v1/insights/engagement");
	}

	@Test
	void operationsDocumentTheirProblemResponsesAndSchemasCarryEnumsAndExamples() {
		JsonNode docs = this.api.get("/v3/api-docs").json();

		JsonNode events = docs.at("/paths/~1api~1v1~1sessions~1{id}~1events/post/responses");
		assertThat(events.propertyNames()).contains("202", "400", "404", "409", "413");
		assertThat(events.at("/409/content").propertyNames()).containsExactly("application/problem+json");
		JsonNode end = docs.at("/paths/~1api~1v1~1sessions~1{id}~1events/post/parameters").valueStream()
			.filter(parameter -> parameter.get("name").asString().equals("end"))
			.findFirst()
			.orElseThrow();
		assertThat(end.get("required").asBoolean()).isFalse();
		assertThat(end.at("/schema/enum").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("logout", "timeout", "error", "navigation");
		JsonNode schemas = docs.at("/components/schemas");
		assertThat(schemas.at("/EndSessionRequest/properties/reason/enum").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("logout", "timeout", "error", "navigation");
		assertThat(schemas.at("/DeviceInfo/properties/type/enum").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("desktop", "mobile", "tablet");
		assertThat(schemas.at("/StartSessionRequest/properties/userId/example").asString()).isEqualTo("u-42");
		assertThat(schemas.at("/StartSessionRequest/required").valueStream().map(JsonNode::asString))
			.contains("userId");
		assertThat(schemas.has("Problem")).isTrue();
	}

	@Test
	void startAnswers201WithLocationAndNo200() {
		JsonNode responses = this.api.get("/v3/api-docs").json().at(operation("/api/v1/sessions/start", "post"))
			.get("responses");

		assertThat(responses.propertyNames()).contains("201", "400", "413", "429").doesNotContain("200");
		assertThat(responses.at("/201/headers").propertyNames()).containsExactly("Location");
		assertThat(responses.at("/201/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/Session");
	}

	@Test
	void currentSessionOfAUserDocuments404() {
		JsonNode responses = this.api.get("/v3/api-docs").json()
			.at(operation("/api/v1/sessions/user/{userId}/current", "get"))
			.get("responses");

		assertThat(responses.propertyNames()).contains("200", "401", "404");
		assertThat(responses.at("/404/content").propertyNames()).containsExactly("application/problem+json");
		assertThat(responses.at("/404/content/application~1problem+json/example/type").asString())
			.isEqualTo("/problems/session-not-found");
	}

	@Test
	void ingestionOperationsDocumentTheirRateLimitsAndReadingOnesTheLimitOfWrongKeys() {
		JsonNode docs = this.api.get("/v3/api-docs").json();

		for (String path : List.of("/api/v1/sessions/start", "/api/v1/sessions/{id}/heartbeat",
				"/api/v1/sessions/{id}/event", "/api/v1/sessions/{id}/events", "/api/v1/sessions/{id}/end")) {
			JsonNode tooMany = docs.at(operation(path, "post")).at("/responses/429");
			assertThat(tooMany.at("/headers").propertyNames()).as(path).containsExactly("Retry-After");
			assertThat(tooMany.at("/content/application~1problem+json/examples/rate-limited/value/type").asString())
				.as(path)
				.isEqualTo("/problems/rate-limited");
		}
		for (String path : List.of("/api/v1/sessions/{id}/heartbeat", "/api/v1/sessions/{id}/events")) {
			assertThat(docs.at(operation(path, "post")).at("/responses/403/content/application~1problem+json/example/type")
				.asString()).as(path).isEqualTo("/problems/origin-not-allowed");
		}
		assertThat(docs.at(operation("/api/v1/sessions/start", "post"))
			.at("/responses/429/content/application~1problem+json/examples/too-many-sessions/value/type")
			.asString()).isEqualTo("/problems/too-many-sessions");
		JsonNode wrongKeys = docs.at(operation("/api/v1/sessions/{id}", "get")).at("/responses/429");
		assertThat(wrongKeys.at("/headers").propertyNames()).containsExactly("Retry-After");
		assertThat(wrongKeys.at("/content/application~1problem+json/examples").propertyNames())
			.containsExactly("too-many-wrong-keys");
	}

	@Test
	void ingestionRequestBodiesHaveWholeBodyExamples() {
		JsonNode docs = this.api.get("/v3/api-docs").json();

		JsonNode start = firstExample(docs, "/api/v1/sessions/start");
		assertThat(start.get("userId").asString()).isEqualTo("u-42");
		assertThat(start.at("/device/browser").asString()).isEqualTo("Chrome");
		assertThat(start.at("/entry/page").asString()).isEqualTo("/pricing?utm_campaign=spring");
		assertThat(start.at("/entry/referrer").asString()).isEqualTo("https://news.example.org/");
		assertThat(firstExample(docs, "/api/v1/sessions/{id}/event").get("action").asString()).isEqualTo("page_view");
		assertThat(firstExample(docs, "/api/v1/sessions/{id}/events").get("events").valueStream()
			.map(event -> event.get("action").asString())).containsExactly("page_view", "workflow_start");
		JsonNode end = firstExample(docs, "/api/v1/sessions/{id}/end");
		assertThat(Map.of("reason", end.get("reason").asString(), "page", end.get("page").asString(), "lastAction",
				end.get("lastAction").asString()))
			.isEqualTo(Map.of("reason", "logout", "page", "/checkout", "lastAction", "purchase"));
		for (String path : List.of("/api/v1/sessions/start", "/api/v1/sessions/{id}/event",
				"/api/v1/sessions/{id}/events", "/api/v1/sessions/{id}/end")) {
			JsonNode body = docs.at(operation(path, "post")).get("requestBody");
			assertThat(body.get("required").asBoolean()).as(path).isTrue();
			assertThat(body.at("/content/application~1json/schema/$ref").asString()).as(path)
				.startsWith("#/components/schemas/");
		}
	}

	@Test
	void everyIngestionRequestExampleIsAcceptedWheneverItIsSent() {
		JsonNode docs = this.api.get("/v3/api-docs").json();
		List<String> sessions = new ArrayList<>();
		try {
			// the day the examples were written, a year on, and today
			for (Instant now : List.of(T0, T0.plus(Duration.ofDays(365)), Instant.now())) {
				this.clock.set(now);
				docs.get("paths").properties().stream().filter(path -> path.getKey().startsWith("/api/v1/sessions/"))
					.filter(path -> path.getValue().has("post"))
					.forEach(path -> sendExamples(path.getKey(), path.getValue().get("post"), sessions));
			}
		}
		finally {
			for (String table : List.of("session_events", "workflow_executions")) {
				sessions.forEach(id -> this.jdbc.update("DELETE FROM " + table + " WHERE session_id = ?::uuid", id));
			}
			sessions.forEach(id -> this.jdbc.update("DELETE FROM user_sessions WHERE id = ?::uuid", id));
		}
		assertThat(sessions).as("sessions the examples were sent to").hasSizeGreaterThan(6);
	}

	/** Sends each request body example of the operation, to a session of its own, and expects its success status. */
	private void sendExamples(String path, JsonNode operation, List<String> sessions) {
		int success = Integer.parseInt(operation.get("responses").propertyNames().stream()
			.filter(status -> status.startsWith("2"))
			.findFirst()
			.orElseThrow());
		operation.at("/requestBody/content/application~1json/examples").properties().forEach(example -> {
			String uri = path;
			if (path.contains("{id}")) {
				String id = startSession("u-examples");
				sessions.add(id);
				uri = path.replace("{id}", id);
			}
			Api.Response answer = this.api.post(uri, example.getValue().get("value").toString());
			if (answer.status() == 201 && answer.body().contains("\"id\"")) {
				sessions.add(answer.text("id"));
			}
			assertThat(answer.status()).as("%s example %s at %s: %s", path, example.getKey(), this.clock.instant(),
					answer.body())
				.isEqualTo(success);
		});
	}

	@Test
	void everyErrorIsProblemJsonAndOnlyTheErrorsAnOperationCanGiveAreDocumented() {
		JsonNode docs = this.api.get("/v3/api-docs").json();

		docs.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
			op.getValue().get("responses").properties().stream().filter(r -> !r.getKey().startsWith("2"))
				.forEach(response -> {
					String where = op.getKey() + " " + path.getKey() + " " + response.getKey();
					JsonNode content = response.getValue().get("content");
					assertThat(content.propertyNames()).as(where).containsExactly("application/problem+json");
					assertThat(content.at("/application~1problem+json/schema/$ref").asString()).as(where)
						.isEqualTo("#/components/schemas/Problem");
				});
		}));
		assertThat(responseCodes(docs, "/api/v1/sessions/{id}/heartbeat", "post"))
			.containsExactlyInAnyOrder("200", "403", "406", "404", "409", "429", "503");
		assertThat(responseCodes(docs, "/api/v1/sessions/{id}/end", "post"))
			.containsExactlyInAnyOrder("200", "400", "403", "406", "404", "408", "413", "415", "429", "503");
		assertThat(responseCodes(docs, "/api/v1/sessions/{id}/event", "post"))
			.containsExactlyInAnyOrder("202", "400", "403", "406", "404", "408", "409", "413", "415", "429", "503");
		assertThat(responseCodes(docs, "/api/v1/sessions/{id}", "get"))
			.containsExactlyInAnyOrder("200", "401", "406", "429", "404", "503");
		assertThat(responseCodes(docs, "/api/v1/sessions/{id}/pattern", "get"))
			.containsExactlyInAnyOrder("200", "401", "406", "429", "404", "409", "503");
		assertThat(responseCodes(docs, "/api/v1/sessions/user/{userId}/history", "get"))
			.containsExactlyInAnyOrder("200", "400", "401", "406", "429", "503");
		assertThat(responseCodes(docs, "/api/v1/stats/daily/{date}/rollup", "post"))
			.containsExactlyInAnyOrder("200", "400", "401", "406", "429", "409", "503");
		assertThat(responseCodes(docs, "/api/v1/jobs/{name}", "post"))
			.containsExactlyInAnyOrder("200", "401", "406", "429", "404", "409", "503");
		assertThat(docs.at(operation("/api/v1/sessions/{id}/events", "post"))
			.at("/responses/409/content/application~1problem+json/examples")
			.propertyNames()).containsExactlyInAnyOrder("session-ended", "event-limit-reached");
	}

	@Test
	void sharedProblemExamplesAreTheProblemsTheServiceAnswers() {
		JsonNode docs = this.api.get("/v3/api-docs").json();
		String unknown = "/api/v1/sessions/" + UUID.randomUUID();

		assertSameProblem(new Api(this.port).get(unknown),
				docs.at(operation("/api/v1/sessions/{id}", "get")).at("/responses/401"));
		assertSameProblem(this.api.post(unknown + "/heartbeat", null),
				docs.at(operation("/api/v1/sessions/{id}/heartbeat", "post")).at("/responses/404"));
		assertSameProblem(this.api.post(unknown + "/events", "{\"events\": [}"),
				docs.at(operation("/api/v1/sessions/{id}/events", "post")).at("/responses/400"));
		assertSameProblem(this.api.get("/api/v1/sessions/user/u-42/history?limit=x"),
				docs.at(operation("/api/v1/sessions/user/{userId}/history", "get")).at("/responses/400"));
		assertSameProblem(this.api.post("/api/v1/sessions/start", "{\"userId\": \"" + "u".repeat(70_000) + "\"}"),
				docs.at(operation("/api/v1/sessions/start", "post")).at("/responses/413"));
		assertSameProblem(
				this.api.post("/api/v1/sessions/start", "{\"userId\": \"u-42\"}", Map.of("Content-Type", "text/plain")),
				docs.at(operation("/api/v1/sessions/start", "post")).at("/responses/415"));
		assertSameProblem(this.api.get(unknown, Map.of("Accept", "text/html")),
				docs.at(operation("/api/v1/sessions/{id}", "get")).at("/responses/406"));
	}

	@Test
	void everyOperationTakingAJsonBodyDocuments415() {
		JsonNode docs = this.api.get("/v3/api-docs").json();

		docs.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
			boolean body = op.getValue().has("requestBody");
			assertThat(op.getValue().at("/responses").has("415")).as(op.getKey() + " " + path.getKey()).isEqualTo(body);
		}));
	}

	@Test
	void theLeaveInsightDocumentsItsOwnAbandonedWorkflowsAndNotASessionsOnes() {
		JsonNode docs = this.api.get("/v3/api-docs").json();

		JsonNode leave = resolve(docs, docs.at(operation("/api/v1/insights/leave", "get"))
			.at("/responses/200/content/application~1json/schema"));
		JsonNode item = resolve(docs, leave.at("/properties/abandonedWorkflows/items"));
		JsonNode ofSession = resolve(docs, docs.at(operation("/api/v1/sessions/{id}/abandoned-workflows", "get"))
			.at("/responses/200/content/application~1json/schema/items"));

		assertThat(item.get("properties").propertyNames()).containsExactlyInAnyOrder("workflowId", "started",
				"abandoned", "abandonRate");
		assertThat(ofSession.get("properties").propertyNames()).containsExactlyInAnyOrder("workflowId", "startedAt");
	}

	@Test
	void noTwoTypesOnTheWireShareASchemaName() {
		Map<String, Set<Class<?>>> byName = new TreeMap<>();
		this.handlers.getHandlerMethods().values().stream()
			.filter(handler -> handler.getBeanType().getPackageName().startsWith("dev.sessiontracker"))
			.forEach(handler -> {
				wireTypes(handler.getMethod().getGenericReturnType(), byName);
				for (java.lang.reflect.Parameter parameter : handler.getMethod().getParameters()) {
					if (parameter.isAnnotationPresent(RequestBody.class)) {
						wireTypes(parameter.getParameterizedType(), byName);
					}
				}
				for (ApiResponse response : handler.getMethod().getAnnotationsByType(ApiResponse.class)) {
					for (Content content : response.content()) {
						wireTypes(content.schema().implementation(), byName);
					}
				}
			});

		assertThat(byName).as("schema names").containsKeys("Leave", "WorkflowAbandonment", "AbandonedWorkflow",
				"UserExport", "ExportedSession");
		assertThat(byName.entrySet().stream().filter(name -> name.getValue().size() > 1).toList())
			.as("schema names given to more than one type")
			.isEmpty();
	}

	@Test
	void theExportDocumentsTheObjectItAnswers() {
		JsonNode docs = this.api.get("/v3/api-docs").json();
		String id = startSession("u-export-docs");
		this.api.post("/api/v1/sessions/" + id + "/events", """
				{"events": [{"action": "workflow_start", "data": {"workflowId": "checkout"}}]}""");
		this.api.post("/api/v1/sessions/" + id + "/end", "{\"reason\": \"logout\"}");
		JsonNode export = this.api.get("/api/v1/users/u-export-docs/export").json();
		this.api.delete("/api/v1/users/u-export-docs");

		JsonNode ok = docs.at(operation("/api/v1/users/{userId}/export", "get"))
			.at("/responses/200/content/application~1json");
		JsonNode schema = resolve(docs, ok.get("schema"));
		JsonNode session = resolve(docs, schema.at("/properties/sessions/items"));
		assertThat(schema.get("type").asString()).isEqualTo("object");
		assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrder("userId", "sessions", "pattern");
		assertThat(session.get("properties").propertyNames())
			.containsExactlyInAnyOrderElementsOf(export.at("/sessions/0").propertyNames());
		for (String part : List.of("device", "entry", "exit")) {
			assertThat(resolve(docs, session.at("/properties/" + part)).get("properties").propertyNames()).as(part)
				.containsExactlyInAnyOrderElementsOf(export.at("/sessions/0/" + part).propertyNames());
		}
		for (String list : List.of("events", "workflowExecutions")) {
			assertThat(resolve(docs, session.at("/properties/" + list + "/items")).get("properties").propertyNames())
				.as(list)
				.containsExactlyInAnyOrderElementsOf(export.at("/sessions/0/" + list + "/0").propertyNames());
		}
		assertThat(ok.at("/examples/one-session/value/sessions/0").propertyNames())
			.containsExactlyInAnyOrderElementsOf(export.at("/sessions/0").propertyNames());
	}

	@Test
	void numbersThatAreNullOnAnEmptyRangeAreDocumentedAsNullable() {
		JsonNode schemas = this.api.get("/v3/api-docs").json().at("/components/schemas");

		for (String property : List.of("/DailyStats/properties/avgDurationSeconds", "/Stay/properties/medianSeconds",
				"/Stay/properties/p90Seconds", "/Stay/properties/averageSeconds", "/Bucket/properties/maxSeconds")) {
			assertThat(schemas.at(property + "/type").valueStream().map(JsonNode::asString)).as(property)
				.containsExactlyInAnyOrder("integer", "null");
		}
		assertThat(schemas.at("/DailyStats/properties/totalSessions/type").asString()).isEqualTo("integer");
	}

	@Test
	void storedEventsCarryTheirDataAsAnObjectOrNull() {
		JsonNode data = this.api.get("/v3/api-docs").json().at("/components/schemas/StoredEvent/properties/data");

		assertThat(data.get("type").valueStream().map(JsonNode::asString)).containsExactly("object", "null");
	}

	@Test
	void membersAnswersLeaveNullAreNullableAndEveryMemberOfAnAnswerIsRequired() {
		JsonNode schemas = this.api.get("/v3/api-docs").json().at("/components/schemas");

		assertThat(schemas.at("/Session/properties/exit/oneOf").valueStream().map(JsonNode::toString))
			.containsExactly("{\"$ref\":\"#/components/schemas/ExitPoint\"}", "{\"type\":\"null\"}");
		assertThat(schemas.at("/Session/properties/endTime/type").valueStream().map(JsonNode::asString))
			.containsExactly("string", "null");
		assertThat(schemas.at("/ExitPoint/properties/reason/enum").valueStream().map(JsonNode::toString))
			.contains("\"logout\"", "null");
		assertThat(schemas.at("/Session/properties/duration/type").asString()).isEqualTo("integer");
		assertThat(schemas.at("/Session/required").valueStream().map(JsonNode::asString)).contains("id", "endTime",
				"duration", "exit", "currentPage");
		assertThat(schemas.at("/UserPattern/properties/avgDuration/type").asString()).isEqualTo("integer");
		// a request may leave them out
		assertThat(schemas.at("/DeviceInfo").has("required")).isFalse();
		assertThat(schemas.at("/EntryPoint").has("required")).isFalse();
	}

	@Test
	void patternRulesAndConfidenceAreDocumented() {
		JsonNode docs = this.api.get("/v3/api-docs").json();

		assertThat(docs.at("/paths/~1api~1v1~1sessions~1patterns~1{userId}/get/description").asString())
			.contains("power_user", "1800", "confidence = evidence");
		assertThat(docs.at("/paths/~1api~1v1~1sessions~1{id}~1pattern/get/description").asString())
			.contains("confused", "explorer", "task_focused");
	}

	@Test
	void swaggerUiAndHealthAreServed() {
		Api.Response ui = this.api.get("/swagger-ui/index.html");
		Api.Response health = this.api.get("/actuator/health");

		assertThat(ui.status()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger");
		assertThat(this.api.get("/swagger-ui.html").status()).isIn(200, 302);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.text("status")).isEqualTo("UP");
		assertThat(List.of(this.api.get("/actuator/health/readiness").status())).containsExactly(200);
		assertThat(this.api.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
	}

	private static String operation(String path, String method) {
		return "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method;
	}

	/**
	 * The answer has the status, problem type and title of the documented response's example, and the example has
	 * every member the answer has.
	 */
	private static void assertSameProblem(Api.Response answer, JsonNode documented) {
		JsonNode example = documented.at("/content/application~1problem+json/example");
		JsonNode problem = answer.json();
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(List.of(problem.get("status").asInt(), problem.get("type").asString(),
				problem.get("title").asString()))
			.isEqualTo(List.of(example.get("status").asInt(), example.get("type").asString(),
					example.get("title").asString()));
		assertThat(example.propertyNames()).as(problem.get("type").asString())
			.containsAll(problem.propertyNames().stream().filter(name -> !name.equals("instance")).toList());
	}

	/** A schema, or the component schema it refers to. */
	private static JsonNode resolve(JsonNode docs, JsonNode schema) {
		return schema.has("$ref") ? docs.at(schema.get("$ref").asString().substring(1)) : schema;
	}

	/**
	 * Our types a handler's answer or body is made of, by the schema name springdoc gives them (their simple name
	 * unless {@code @Schema(name)} says otherwise): springdoc keeps only one type per name.
	 */
	private static void wireTypes(Type type, Map<String, Set<Class<?>>> byName) {
		if (type instanceof ParameterizedType parameterized) {
			wireTypes(parameterized.getRawType(), byName);
			for (Type argument : parameterized.getActualTypeArguments()) {
				wireTypes(argument, byName);
			}
		}
		else if (type instanceof Class<?> cls) {
			if (cls.isArray()) {
				wireTypes(cls.getComponentType(), byName);
				return;
			}
			if (!cls.getPackageName().startsWith("dev.sessiontracker")) {
				return;
			}
			Schema schema = cls.getAnnotation(Schema.class);
			String name = (schema != null && !schema.name().isEmpty()) ? schema.name() : cls.getSimpleName();
			if (byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(cls) && cls.isRecord()) {
				for (RecordComponent component : cls.getRecordComponents()) {
					wireTypes(component.getGenericType(), byName);
				}
			}
		}
	}

	private static List<String> responseCodes(JsonNode docs, String path, String method) {
		return List.copyOf(docs.at(operation(path, method)).get("responses").propertyNames());
	}

	/** The value of the first example of an operation's JSON request body. */
	private static JsonNode firstExample(JsonNode docs, String path) {
		JsonNode examples = docs.at(operation(path, "post")).at("/requestBody/content/application~1json/examples");
		assertThat(examples.isEmpty()).as(path + " has request body examples").isFalse();
		return examples.valueStream().findFirst().orElseThrow().get("value");
	}

}
