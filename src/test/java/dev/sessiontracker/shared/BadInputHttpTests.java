package dev.sessiontracker.shared;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

class BadInputHttpTests extends HttpTest {

	private static final String START = "/api/v1/sessions/start";

	@Autowired
	private ValidatorFactory validation;

	// The nested fields of the cases below (device.type, entry.page, events[n].action) show that every property is
	// still validated and cascaded into; this shows that JPA is no longer asked whether one is loaded
	// (ValidationConfiguration).
	@Test
	void requestBodiesAreValidatedWithoutAskingJpaWhatIsLoaded() {
		assertThat(this.validation.getTraversableResolver())
			.isInstanceOf(ValidationConfiguration.EveryPropertyReachable.class);
	}

	static List<Arguments> badStarts() {
		return List.of(Arguments.of("{\"userId\": ", "body"), Arguments.of("{}", "userId"),
				Arguments.of("{\"userId\": \"\"}", "userId"),
				Arguments.of("{\"userId\": \"" + "x".repeat(129) + "\"}", "userId"),
				Arguments.of("{\"userId\": [\"a\"]}", "userId"), Arguments.of("[1, 2]", "body"),
				Arguments.of("{\"userId\": \"u\", \"device\": {\"type\": \"phone\"}}", "device.type"),
				Arguments.of("{\"userId\": \"u\", \"device\": {\"screenSize\": \"big\"}}", "device.screenSize"),
				Arguments.of("{\"userId\": \"u\", \"device\": {\"browser\": \"" + "b".repeat(51) + "\"}}",
						"device.browser"),
				Arguments.of("{\"userId\": \"u\", \"device\": {\"bot\": \"maybe\"}}", "device.bot"),
				Arguments.of("{\"userId\": \"u\", \"entry\": {\"source\": \"search\"}}", "entry.source"),
				Arguments.of("{\"userId\": \"u\", \"entry\": {\"page\": \"/" + "p".repeat(2048) + "\"}}",
						"entry.page"),
				Arguments.of("{\"userId\": \"u\", \"entry\": \"/home\"}", "entry"),
				Arguments.of("{\"userId\": \"a\\u0000b\"}", "userId"),
				Arguments.of("{\"userId\": \"u\", \"entry\": {\"page\": \"/\\u0000\"}}", "entry.page"),
				// A scalar of another JSON type is refused, not coerced: 123 is not the user "123", 1 not "mobile".
				Arguments.of("{\"userId\": 123}", "userId"), Arguments.of("{\"userId\": true}", "userId"),
				Arguments.of("{\"userId\": 1.5}", "userId"), Arguments.of("{\"userId\": {\"id\": 1}}", "userId"),
				Arguments.of("{\"userId\": \"u\", \"device\": 5}", "device"),
				Arguments.of("{\"userId\": \"u\", \"device\": {\"type\": 1}}", "device.type"),
				Arguments.of("{\"userId\": \"u\", \"device\": {\"browser\": false}}", "device.browser"),
				Arguments.of("{\"userId\": \"u\", \"device\": {\"bot\": 1}}", "device.bot"),
				Arguments.of("{\"userId\": \"u\", \"device\": {\"bot\": \"true\"}}", "device.bot"),
				Arguments.of("{\"userId\": \"u\", \"entry\": {\"source\": 0}}", "entry.source"),
				Arguments.of("{\"userId\": \"u\", \"entry\": {\"page\": 404}}", "entry.page"),
				// Half a UTF-16 surrogate pair is no character: PostgreSQL would store it as "?".
				Arguments.of("{\"userId\": \"\\ud800\"}", "userId"),
				Arguments.of("{\"userId\": \"u\\ud83d\"}", "userId"),
				Arguments.of("{\"userId\": \"u\", \"entry\": {\"page\": \"/\\udc00\"}}", "entry.page"));
	}

	@ParameterizedTest
	@MethodSource("badStarts")
	void badStartIs400NamingTheFieldAndCreatesNoSession(String body, String field) {
		Long before = countSessions();

		Api.Response response = this.api.post(START, body);

		assertBadRequest(response, field);
		assertThat(countSessions()).isEqualTo(before);
	}

	static List<Arguments> badEnds() {
		return List.of(Arguments.of("{\"reason\": \"quit\"}", "reason"), Arguments.of("{}", "reason"),
				Arguments.of("", "body"), Arguments.of("{\"reason\": \"logout\", \"lastAction\": \"" + "a".repeat(51)
						+ "\"}", "lastAction"),
				Arguments.of("{\"reason\": \"logout\", \"lastAction\": 5}", "lastAction"),
				Arguments.of("{\"reason\": \"logout\", \"page\": true}", "page"),
				Arguments.of("{\"reason\": 1}", "reason"),
				Arguments.of("{\"reason\": \"logout\", \"lastAction\": \"\\ud800x\"}", "lastAction"));
	}

	@ParameterizedTest
	@MethodSource("badEnds")
	void badEndIs400NamingTheFieldAndLeavesTheSessionOpen(String body, String field) {
		String id = startSession("bad-end");

		assertBadRequest(this.api.post("/api/v1/sessions/" + id + "/end", body), field);
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("endTime").isNull()).isTrue();
	}

	static List<Arguments> badBatches() {
		Map<String, Object> valid = Map.of("action", "ok");
		Map<String, Object> bigData = Map.of("action", "big", "data", Map.of("blob", "x".repeat(8 * 1024)));
		return List.of(Arguments.of(Map.of("events", List.of()), "events"), Arguments.of(Map.of(), "events"),
				Arguments.of(Map.of("events", IntStream.range(0, 101).mapToObj(i -> valid).toList()), "events"),
				Arguments.of(Map.of("events", List.of(valid, Map.of("data", Map.of()))), "events[1].action"),
				Arguments.of(Map.of("events", List.of(valid, Map.of("action", "a".repeat(51)))), "events[1].action"),
				Arguments.of(Map.of("events", List.of(valid, Map.of("action", "x", "data", List.of(1)))),
						"events[1].data"),
				Arguments.of(Map.of("events", List.of(valid, bigData)), "events[1].data"),
				Arguments.of(Map.of("events", List.of(valid, Map.of("action", "x", "timestamp",
						"2026-11-25T10:00:01Z"))), "events[1].timestamp"),
				Arguments.of(Map.of("events", List.of(valid, Map.of("action", "x", "timestamp",
						"2026-11-23T09:59:59Z"))), "events[1].timestamp"),
				Arguments.of(Map.of("events", List.of(valid, Map.of("action", "x", "timestamp", "yesterday"))),
						"events[1].timestamp"),
				Arguments.of(Map.of("events", List.of(valid, Map.of("action", "x", "id", "not-a-uuid"))),
						"events[1].id"),
				Arguments.of(Map.of("events", List.of(valid, Map.of("action", "workflow_start", "data",
						Map.of("workflowId", Map.of("nested", true))))), "events[1].data.workflowId"),
				Arguments.of(Map.of("events", List.of(valid, Map.of("action", "x", "data",
						Map.of("text", "nul\u0000char")))), "events[1].data.text"),
				Arguments.of(Map.of("events", List.of(valid, Map.of("action", "page_view", "data",
						Map.of("page", Map.of("x", 1))))), "events[1].data.page"),
				Arguments.of(Map.of("events", List.of(valid, Map.of("action", "page_view", "data",
						Map.of("page", 404)))), "events[1].data.page"),
				Arguments.of("{\"events\": [{\"action\": \"ok\"}, null]}", "events[1]"),
				Arguments.of("{\"events\": [{\"action\": \"ok\"}, {\"action\": \"n\\u0000l\"}]}", "events[1].action"),
				Arguments.of("{\"events\": [{\"action\": \"ok\"}, {\"action\": \"n\", \"data\": 3}]}",
						"events[1].data"),
				Arguments.of("{\"events\": [{\"action\": \"ok\"}, {\"action\": 5}]}", "events[1].action"),
				Arguments.of("{\"events\": [{\"action\": \"ok\"}, {\"action\": 1.5}]}", "events[1].action"),
				Arguments.of("{\"events\": [{\"action\": \"ok\"}, {\"action\": false}]}", "events[1].action"),
				// Numbers a double cannot hold would be stored altered, as "Infinity" or 0.
				Arguments.of("{\"events\": [{\"action\": \"ok\"}, {\"action\": \"x\", \"data\": {\"n\": 1e999999}}]}",
						"events[1].data.n"),
				Arguments.of("{\"events\": [{\"action\": \"ok\"}, {\"action\": \"x\", \"data\": {\"l\": "
						+ "[1, -1e400]}}]}", "events[1].data.l"),
				Arguments.of("{\"events\": [{\"action\": \"ok\"}, {\"action\": \"x\", \"data\": {\"n\": 1e-400}}]}",
						"events[1].data.n"),
				Arguments.of("{\"events\": [{\"action\": \"ok\"}, {\"action\": \"a\\udc00\"}]}", "events[1].action"),
				Arguments.of("{\"events\": [{\"action\": \"ok\"}, {\"action\": \"x\", \"data\": {\"s\": "
						+ "\"\\ud800\"}}]}", "events[1].data.s"),
				Arguments.of("{\"events\": [{\"action\": \"ok\"}, {\"action\": \"x\", \"data\": {\"o\": {\"s\": "
						+ "\"x\\udbff\"}}}]}", "events[1].data.o"));
	}

	@ParameterizedTest
	@MethodSource("badBatches")
	void badBatchIs400NamingTheFieldAndStoresNothing(Object batch, String field) {
		String id = startSession("bad-batch");
		String body = batch instanceof String raw ? raw : Api.json(batch);

		assertBadRequest(this.api.post("/api/v1/sessions/" + id + "/events", body), field);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM session_events WHERE session_id = ?::uuid",
				Long.class, id)).isZero();
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("actions").asInt()).isZero();
	}

	@Test
	void aBatchWithSeveralRefusedEventsNamesEachOfThemInOrder() {
		String id = startSession("several-bad");
		Map<String, Object> valid = Map.of("action", "ok");

		Api.Response response = this.api.post("/api/v1/sessions/" + id + "/events", Api.json(Map.of("events",
				List.of(valid, Map.of("action", "x", "timestamp", "2026-11-25T10:00:01Z"), valid,
						Map.of("action", "workflow_start", "data", Map.of("workflowId", "")), valid))));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("field")).isEqualTo("events[1].timestamp");
		assertThat(response.json().get("errors").valueStream().map(error -> error.get("field").asString()))
			.containsExactly("events[1].timestamp", "events[3].data.workflowId");
		assertThat(response.text("detail")).startsWith("events[1].timestamp: more than 24 hours away")
			.contains("; events[3].data.workflowId: must be a string or number of 1 to 128 characters");
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("actions").asInt()).isZero();
	}

	@Test
	void aBatchNamesEveryRefusedEventWhateverRefusedIt() {
		String id = startSession("every-bad");
		String ok = "{\"action\": \"ok\"}";
		List<String> events = new ArrayList<>(Collections.nCopies(12, ok));
		events.set(0, "{\"action\": \"\"}");
		events.set(2, "{\"action\": \"" + "a".repeat(51) + "\"}");
		events.set(3, "{\"action\": \"x\", \"timestamp\": \"2026-11-25T10:00:01Z\"}");
		events.set(5, "null");
		events.set(7, "{\"action\": \"big\", \"data\": {\"blob\": \"" + "x".repeat(8 * 1024) + "\"}}");
		events.set(10, "{\"action\": \"page_view\", \"data\": {\"page\": {\"x\": 1}}}");
		events.set(11, "{\"data\": {}}");

		Api.Response response = this.api.post("/api/v1/sessions/" + id + "/events",
				"{\"events\": [" + String.join(", ", events) + "]}");

		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("errors").valueStream().map(error -> error.get("field").asString()))
			.containsExactly("events[0].action", "events[2].action", "events[3].timestamp", "events[5]",
					"events[7].data", "events[10].data.page", "events[11].action");
		assertThat(response.text("field")).isEqualTo("events[0].action");
		assertThat(response.text("detail")).startsWith("events[0].action: must not be blank; events[2].action: "
				+ "size must be between 1 and 50; events[3].timestamp: more than 24 hours away");
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("actions").asInt()).isZero();
	}

	@Test
	void aTooLongUserIdOrActionIsToldTheLengthsTheContractAllows() {
		String id = startSession("too-long");

		assertThat(this.api.post(START, "{\"userId\": \"" + "x".repeat(129) + "\"}").text("detail"))
			.isEqualTo("userId: size must be between 1 and 128");
		assertThat(this.api.post("/api/v1/sessions/" + id + "/event", "{\"action\": \"" + "a".repeat(51) + "\"}")
			.text("detail")).isEqualTo("action: size must be between 1 and 50");
	}

	@Test
	void anUnpairedSurrogateIsRefusedInDataKeysToo() {
		String id = startSession("lone-surrogate");
		String batch = "{\"events\": [{\"action\": \"ok\"}, {\"action\": \"x\", \"data\": {\"\\ud800\": 1}}]}";

		// Read as UTF-8, the JSON parser itself refuses it; read in another charset, the event's data is named.
		Api.Response utf8 = this.api.post("/api/v1/sessions/" + id + "/events", batch);
		Api.Response latin1 = this.api.post("/api/v1/sessions/" + id + "/events", batch,
				Map.of("Content-Type", "application/json;charset=ISO-8859-1"));
		Api.Response value = this.api.post("/api/v1/sessions/" + id + "/event",
				"{\"action\": \"x\", \"data\": {\"s\": \"\\ud800\"}}");

		assertBadRequest(utf8, "body");
		assertBadRequest(latin1, "events[1].data");
		assertThat(latin1.text("detail")).isEqualTo("events[1].data: " + StorableText.UNPAIRED_SURROGATE);
		assertThat(value.text("detail")).isEqualTo("data.s: " + StorableText.UNPAIRED_SURROGATE);
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("actions").asInt()).isZero();
	}

	@Test
	void aNumberADoubleCannotHoldIsRefusedSayingWhy() {
		String id = startSession("huge-number");

		Api.Response response = this.api.post("/api/v1/sessions/" + id + "/event",
				"{\"action\": \"x\", \"data\": {\"total\": 1e999999}}");

		assertBadRequest(response, "data.total");
		assertThat(response.text("detail"))
			.isEqualTo("data.total: is out of the range of a double (it would be stored as Infinity or 0)");
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("actions").asInt()).isZero();
	}

	@Test
	void lengthsCountCharactersAsTheColumnsDoNotUtf16Units() {
		String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units

		Api.Response start = this.api.post(START, Api.json(Map.of("userId", emoji.repeat(128), "device",
				Map.of("browser", emoji.repeat(50)), "entry", Map.of("page", "/" + emoji.repeat(2047)))));
		assertThat(start.status()).as(start.body()).isEqualTo(201);
		String id = start.text("id");
		Api.Response events = this.api.post("/api/v1/sessions/" + id + "/events",
				Api.json(Map.of("events", List.of(Map.of("action", emoji.repeat(50)),
						Map.of("action", "workflow_start", "data", Map.of("workflowId", emoji.repeat(128)))))));
		assertThat(events.status()).as(events.body()).isEqualTo(202);
		Api.Response end = this.api.post("/api/v1/sessions/" + id + "/end",
				Api.json(Map.of("reason", "logout", "lastAction", emoji.repeat(50))));
		assertThat(end.status()).as(end.body()).isEqualTo(200);

		assertThat(this.jdbc.queryForMap("SELECT user_id, browser, entry_page, last_action FROM user_sessions "
				+ "WHERE id = ?::uuid", id))
			.containsExactly(Map.entry("user_id", emoji.repeat(128)), Map.entry("browser", emoji.repeat(50)),
					Map.entry("entry_page", "/" + emoji.repeat(2047)), Map.entry("last_action", emoji.repeat(50)));
		assertThat(this.jdbc.queryForList("SELECT event_type FROM session_events WHERE session_id = ?::uuid",
				String.class, id)).contains(emoji.repeat(50));
		assertThat(this.jdbc.queryForObject("SELECT workflow_id FROM workflow_executions WHERE session_id = ?::uuid",
				String.class, id)).isEqualTo(emoji.repeat(128));

		// One character more is refused, naming the field, as are 7 characters of a number whose text is 201.
		String open = startSession("one-character-more");
		assertBadRequest(this.api.post(START, Api.json(Map.of("userId", emoji.repeat(129)))), "userId");
		assertBadRequest(this.api.post(START, Api.json(Map.of("userId", "u", "device",
				Map.of("browser", emoji.repeat(51))))), "device.browser");
		assertBadRequest(this.api.post("/api/v1/sessions/" + open + "/event",
				Api.json(Map.of("action", emoji.repeat(51)))), "action");
		assertBadRequest(this.api.post("/api/v1/sessions/" + open + "/event",
				Api.json(Map.of("action", "workflow_start", "data", Map.of("workflowId", emoji.repeat(129))))),
				"data.workflowId");
		assertBadRequest(this.api.post("/api/v1/sessions/" + open + "/event",
				"{\"action\": \"workflow_start\", \"data\": {\"workflowId\": 1e200}}"), "data.workflowId");
		assertBadRequest(this.api.post("/api/v1/sessions/" + open + "/end",
				Api.json(Map.of("reason", "logout", "lastAction", emoji.repeat(51)))), "lastAction");
		assertThat(this.api.get("/api/v1/sessions/" + open).json().get("actions").asInt()).isZero();
	}

	@Test
	void malformedJsonNamesTheBodyAsEvery400NamesItsField() {
		Api.Response response = this.api.post(START, "{\"userId\": \"u\",}");

		assertBadRequest(response, "body");
		assertThat(response.text("type")).isEqualTo("/problems/malformed-json");
		assertThat(response.text("field")).isEqualTo("body");
		assertThat(response.text("detail")).startsWith("The body is not valid JSON at line 1, column ");
	}

	@Test
	void badSingleEventNamesItsFieldWithoutABatchPrefix() {
		String id = startSession("bad-single");

		assertBadRequest(this.api.post("/api/v1/sessions/" + id + "/event", "{\"action\": \"\"}"), "action");
		assertBadRequest(this.api.post("/api/v1/sessions/" + id + "/event",
				Api.json(Map.of("action", "a", "timestamp", "2026-11-20T00:00:00Z"))), "timestamp");
		assertBadRequest(this.api.post("/api/v1/sessions/" + id + "/event", "{\"action\": 5}"), "action");
		assertBadRequest(this.api.post("/api/v1/sessions/" + id + "/event", "{\"action\": true}"), "action");
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("actions").asInt()).isZero();
	}

	@Test
	void validationRunsBeforeTheSessionIsLookedUp() {
		Api.Response response = this.api.post("/api/v1/sessions/0193a8d2-0000-7000-8000-000000000000/events",
				"{\"events\": []}");

		assertBadRequest(response, "events");
	}

	static List<Arguments> badQueries() {
		return List.of(Arguments.of("/api/v1/sessions/user/u/history?limit=0", "limit"),
				Arguments.of("/api/v1/sessions/user/u/history?limit=101", "limit"),
				Arguments.of("/api/v1/sessions/user/u/history?limit=ten", "limit"),
				Arguments.of("/api/v1/sessions/active?limit=0", "limit"),
				Arguments.of("/api/v1/sessions/bounces", "date"),
				Arguments.of("/api/v1/sessions/bounces?date=24.11.2026", "date"),
				// A day is YYYY-MM-DD: a four-digit year from 0001, no sign, no offset.
				Arguments.of("/api/v1/stats/daily?from=-0001-01-01&to=0000-01-01", "from"),
				Arguments.of("/api/v1/stats/daily?from=2026-11-01&to=0000-01-01", "to"),
				Arguments.of("/api/v1/stats/daily?to=%2B10000-01-01", "to"),
				Arguments.of("/api/v1/stats/daily?from=%2B2026-11-01", "from"),
				Arguments.of("/api/v1/stats/daily?to=2026-11-24Z", "to"),
				Arguments.of("/api/v1/sessions/bounces?date=0000-01-01", "date"),
				Arguments.of("/api/v1/sessions/bounces?date=-2026-11-24", "date"),
				Arguments.of("/api/v1/sessions/bounces?date=2026-11-24%2B01:00", "date"),
				Arguments.of("/api/v1/insights/activity?from=0000-12-01&to=0001-01-05", "from"),
				Arguments.of("/api/v1/insights/leave?to=12026-01-01", "to"));
	}

	@ParameterizedTest
	@MethodSource("badQueries")
	void badQueryParameterIs400NamingTheParameter(String path, String parameter) {
		assertBadRequest(this.api.get(path), parameter);
	}

	@Test
	void anInvalidDayIsTheSameProblemWhereverItIsGiven() {
		for (String path : List.of("/api/v1/stats/daily?from=2026-02-30",
				"/api/v1/stats/daily?from=2026-11-24&to=2026-11-01",
				"/api/v1/insights/activity?from=2025-01-01&to=2026-11-24",
				"/api/v1/sessions/bounces?date=2026-02-30")) {
			Api.Response refused = this.api.get(path);
			assertThat(refused.status()).as(path).isEqualTo(400);
			assertThat(refused.text("type")).as(path).isEqualTo("/problems/invalid-parameter");
		}
		assertThat(this.api.post("/api/v1/stats/daily/2026-02-30/rollup", null).text("type"))
			.isEqualTo("/problems/invalid-parameter");
	}

	@Test
	void aDayToRollUpIsYyyyMmDdFromYear0001() {
		assertBadRequest(this.api.post("/api/v1/stats/daily/-0001-01-01/rollup", null), "date");
		assertBadRequest(this.api.post("/api/v1/stats/daily/0000-01-01/rollup", null), "date");
		assertBadRequest(this.api.post("/api/v1/stats/daily/%2B10000-01-01/rollup", null), "date");

		// The first day there is: a default `from` 29 days before it is not a day either.
		Api.Response first = this.api.get("/api/v1/insights/activity?to=0001-01-05");
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.text("from")).isEqualTo("0001-01-01");
	}

	@Test
	void bodyOverTheLimitIs413WhetherDeclaredOrStreamed() {
		String id = startSession("big");
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			events.add(Map.of("action", "a", "data", Map.of("blob", "y".repeat(700))));
		}
		byte[] body = Api.json(Map.of("events", events)).getBytes(StandardCharsets.UTF_8);
		assertThat(body.length).isGreaterThan(64 * 1024);

		Api.Response declared = this.api.post("/api/v1/sessions/" + id + "/events", new String(body,
				StandardCharsets.UTF_8));
		Api.Response chunked = this.api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port
				+ "/api/v1/sessions/" + id + "/events"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

		for (Api.Response response : List.of(declared, chunked)) {
			assertThat(response.status()).isEqualTo(413);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.text("type")).endsWith("/payload-too-large");
		}
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("actions").asInt()).isZero();
	}

	@Test
	void aBodyDeclaredOverTheLimitIsRefusedBeforeItsUploadIsInvited() throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.getOutputStream().write(("POST " + START + " HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/json\r\nContent-Length: 100000000\r\nExpect: 100-continue\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			String statusLine = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();

			assertThat(statusLine).as("no 100 Continue first").isEqualTo("HTTP/1.1 413 ");
		}
	}

	@Test
	void wrongMediaTypeUnknownPathAndWrongMethodAnswerProblemJson() {
		Api.Response text = this.api.post(START, "{\"userId\": \"u\"}", Map.of("Content-Type", "application/xml"));
		Api.Response unknown = this.api.get("/api/v1/nothing-here");
		Api.Response method = this.api.delete("/api/v1/sessions/0193a8d2-0000-7000-8000-000000000000/heartbeat");

		assertThat(text.status()).isEqualTo(415);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.text("detail")).isEqualTo("Nothing is served at GET /api/v1/nothing-here.");
		assertThat(method.status()).isEqualTo(405);
		for (Api.Response response : List.of(text, unknown, method)) {
			assertThat(response.contentType()).as(response.status() + " " + response.raw().headers())
				.startsWith("application/problem+json");
			assertThat(response.text("type")).startsWith("/problems/");
			assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/*+json", "*/*", "application/*", "text/*" })
	void aWildcardContentTypeIs415AndStartsNothing(String contentType) {
		long before = countSessions();

		Api.Response response = this.api.post(START, "{\"userId\": \"wildcard\"}", Map.of("Content-Type", contentType));

		assertThat(response.status()).as(response.body()).isEqualTo(415);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("type")).endsWith("/unsupported-media-type");
		assertThat(countSessions()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a/b/c", "text/html", "application/yaml", "image/png" })
	void anAnswerTheClientDoesNotAcceptIs406BeforeAnythingIsWritten(String accept) {
		String session = this.api.post(START, "{\"userId\": \"accept\"}").json().get("id").asString();
		long before = countSessions();

		Api.Response start = this.api.post(START, "{\"userId\": \"accept\"}", Map.of("Accept", accept));
		Api.Response events = this.api.post("/api/v1/sessions/" + session + "/events",
				"{\"events\": [{\"action\": \"click\"}]}", Map.of("Accept", accept));
		Api.Response end = this.api.post("/api/v1/sessions/" + session + "/end", "{\"reason\": \"logout\"}",
				Map.of("Accept", accept));
		Api.Response read = this.api.get("/api/v1/sessions/" + session, Map.of("Accept", accept));

		for (Api.Response response : List.of(start, events, end, read)) {
			assertThat(response.status()).as(response.body()).isEqualTo(406);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.text("type")).endsWith("/not-acceptable");
			assertThat(response.header("Location")).isNull();
		}
		assertThat(countSessions()).isEqualTo(before);
		JsonNode stored = this.api.get("/api/v1/sessions/" + session).json();
		assertThat(stored.get("actions").asInt()).isZero();
		assertThat(stored.get("endTime").isNull()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "application/json", "application/*", "text/html, application/json;q=0.5",
			"application/json; charset=utf-8" })
	void anyAcceptThatTakesJsonGetsJson(String accept) {
		Api.Response start = this.api.post(START, "{\"userId\": \"accept-json\"}", Map.of("Accept", accept));

		assertThat(start.status()).as(start.body()).isEqualTo(201);
		assertThat(start.contentType()).startsWith("application/json");
	}

	private static void assertBadRequest(Api.Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("type").asString()).startsWith("/problems/");
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).contains(field);
		assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString())).contains(field);
		assertThat(problem.get("field")).as("the first of errors, as in every 400").isNotNull();
		assertThat(problem.get("field").asString()).isEqualTo(problem.get("errors").get(0).get("field").asString());
		assertThat(response.body()).doesNotContain("Exception");
	}

	private Long countSessions() {
		return this.jdbc.queryForObject("SELECT count(*) FROM user_sessions", Long.class);
	}

}
