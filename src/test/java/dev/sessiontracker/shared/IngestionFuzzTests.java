package dev.sessiontracker.shared;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the ingestion endpoints over real HTTP with seeded random inputs: random JSON trees, single-edit
 * mutations of valid bodies, and well-shaped requests carrying hostile values. Whatever arrives, the answer is never
 * a 5xx and every error is problem+json; a refused batch stores nothing, an accepted one exactly what it reports.
 * A failure names the seed and the body, so it can be replayed.
 */
class IngestionFuzzTests extends HttpTest {

	private static final long SEED = 20261124L;

	private static final int ROUNDS = 500;

	private static final List<String> HOSTILE = List.of("", " ", "\u0000", "'; DROP TABLE user_sessions; --",
			"<script>alert(1)</script>", "\uD83D\uDE00".repeat(40), "x".repeat(2100), "../../etc/passwd", "%00",
			"\\u0000", "\uFFFF\uD800", "null", "1e999");

	private static final List<String> KEYS = List.of("userId", "events", "action", "id", "timestamp", "data",
			"device", "entry", "reason", "page", "workflowId");

	private static final List<String> TOKENS = List.of("null", "[]", "{}", "\"\"", "-1", "1e999", "true",
			"\"\\u0000\"", ",", ":", "\"x\"", "{\"events\":");

	private final Random random = new Random(SEED);

	private final Map<Integer, Integer> statuses = new TreeMap<>();

	private String session;

	@Test
	void noInputMakesIngestionFailOrStoreAPartialBatch() {
		this.session = startSession("fuzz");
		for (int round = 0; round < ROUNDS; round++) {
			String randomBody = Api.json(json(4));
			checkBatch("/events", randomBody);
			checkBatch("/event", randomBody);
			check(this.api.post("/api/v1/sessions/start", randomBody));
			checkBatch("/events", mutate(validBatch()));
			checkBatch("/events", Api.json(Map.of("events", List.of(
					Map.of("action", "page_view", "data", Map.of("page", hostile())),
					Map.of("action", hostile(), "data", Map.of("workflowId", hostile()))))));
			checkBatch("/event", Api.json(Map.of("action", "workflow_start", "id", UUID.randomUUID().toString(),
					"data", Map.of("workflowId", hostile()))));
			check(this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", hostile(), "entry",
					Map.of("page", hostile(), "referrer", hostile()), "device",
					Map.of("browser", hostile(), "screenSize", hostile())))));
			if (round % 5 == 0) {
				// A hostile user id alone is often valid: random bodies start no session since 123 is no user id.
				check(this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", hostile()))));
				String ending = startSession("fuzz-end");
				check(this.api.post("/api/v1/sessions/" + ending + "/end",
						mutate(Api.json(Map.of("reason", "logout", "page", hostile())))));
			}
		}
		int inputs = this.statuses.values().stream().mapToInt(Integer::intValue).sum();
		System.out.printf("Fuzzed %d ingestion inputs (seed %d): statuses %s%n", inputs, SEED, this.statuses);
		assertThat(this.statuses.keySet()).allMatch(status -> status < 500);
		assertThat(this.statuses).containsKeys(201, 202, 400);
	}

	private void checkBatch(String endpoint, String body) {
		long before = storedEvents();
		Api.Response response = check(this.api.post("/api/v1/sessions/" + this.session + endpoint, body));
		long stored = storedEvents() - before;
		if (response.status() == 202) {
			assertThat(stored).as("seed %d, body %s", SEED, body).isEqualTo(response.json().get("accepted").asLong());
		}
		else {
			assertThat(stored).as("seed %d, refused yet stored: %s", SEED, body).isZero();
		}
	}

	private Api.Response check(Api.Response response) {
		this.statuses.merge(response.status(), 1, Integer::sum);
		assertThat(response.status()).as("seed %d: %s", SEED, response.body()).isLessThan(500);
		if (response.status() >= 400) {
			assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
			assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
		}
		return response;
	}

	private long storedEvents() {
		return this.jdbc.queryForObject("SELECT count(*) FROM session_events WHERE session_id = ?::uuid", Long.class,
				this.session);
	}

	private String validBatch() {
		String action = List.of("page_view", "error", "workflow_start", "workflow_complete", "click")
			.get(this.random.nextInt(5));
		String text = hostile();
		return Api.json(Map.of("events", Collections.nCopies(1 + this.random.nextInt(5),
				Map.of("action", action, "data", Map.of("page", text, "workflowId", text)))));
	}

	/** One random edit: delete, duplicate or replace a slice, insert a JSON token, or truncate. */
	private String mutate(String body) {
		int at = this.random.nextInt(body.length());
		int to = Math.min(body.length(), at + 1 + this.random.nextInt(8));
		String token = TOKENS.get(this.random.nextInt(TOKENS.size()));
		return switch (this.random.nextInt(5)) {
			case 0 -> body.substring(0, at) + body.substring(to);
			case 1 -> body.substring(0, to) + body.substring(at, to) + body.substring(to);
			case 2 -> body.substring(0, at) + token + body.substring(to);
			case 3 -> body.substring(0, at) + token + body.substring(at);
			default -> body.substring(0, at);
		};
	}

	/** A known-nasty string, or random code points of any plane (surrogates included) up to 300 long. */
	private String hostile() {
		if (this.random.nextBoolean()) {
			return HOSTILE.get(this.random.nextInt(HOSTILE.size()));
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0, n = this.random.nextInt(300); i < n; i++) {
			text.append((char) (this.random.nextBoolean() ? 32 + this.random.nextInt(95)
					: this.random.nextInt(0x10000)));
		}
		return text.toString();
	}

	private Object json(int depth) {
		int kind = this.random.nextInt(depth == 0 ? 5 : 8);
		return switch (kind) {
			case 0 -> hostile();
			case 1 -> this.random.nextInt();
			case 2 -> this.random.nextDouble() * Math.pow(10, this.random.nextInt(40));
			case 3 -> this.random.nextBoolean();
			case 4 -> KEYS.get(this.random.nextInt(KEYS.size()));
			case 5, 6 -> {
				Map<String, Object> map = new LinkedHashMap<>();
				for (int i = 0, n = this.random.nextInt(5); i < n; i++) {
					map.put(this.random.nextInt(3) > 0 ? KEYS.get(this.random.nextInt(KEYS.size())) : hostile(),
							json(depth - 1));
				}
				yield map;
			}
			default -> {
				List<Object> list = new ArrayList<>();
				for (int i = 0, n = this.random.nextInt(5); i < n; i++) {
					list.add(json(depth - 1));
				}
				yield list;
			}
		};
	}

}
