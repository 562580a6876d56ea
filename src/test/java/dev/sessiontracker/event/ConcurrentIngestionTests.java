package dev.sessiontracker.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentIngestionTests extends HttpTest {

	private static final int THREADS = 16;

	private static final int BATCHES_PER_THREAD = 10;

	private static final int EVENTS_PER_BATCH = 20;

	@Test
	void parallelBatchesIntoOneSessionEndWithExactCounters() throws Exception {
		String id = startSession("parallel");
		List<Callable<JsonNode>> tasks = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			tasks.add(() -> {
				int accepted = 0;
				for (int b = 0; b < BATCHES_PER_THREAD; b++) {
					accepted += this.api.post("/api/v1/sessions/" + id + "/events", batch(freshEvents()))
						.json()
						.get("accepted")
						.asInt();
				}
				return IntNode.valueOf(accepted);
			});
		}

		int accepted = runAll(tasks).stream().mapToInt(JsonNode::asInt).sum();

		int expected = THREADS * BATCHES_PER_THREAD * EVENTS_PER_BATCH;
		assertThat(accepted).isEqualTo(expected);
		JsonNode session = this.api.get("/api/v1/sessions/" + id).json();
		assertThat(session.get("actions").asInt()).isEqualTo(expected);
		assertThat(session.get("errors").asInt()).isEqualTo(expected / 4);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM session_events WHERE session_id = ?::uuid",
				Long.class, id)).isEqualTo(expected);
	}

	@Test
	void theSameBatchReplayedInParallelIsStoredExactlyOnce() throws Exception {
		String id = startSession("replay");
		String batch = batch(freshEvents());
		List<Callable<JsonNode>> tasks = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			tasks.add(() -> this.api.post("/api/v1/sessions/" + id + "/events", batch).json());
		}

		List<JsonNode> results = runAll(tasks);

		assertThat(results.stream().mapToInt(r -> r.get("accepted").asInt()).sum()).isEqualTo(EVENTS_PER_BATCH);
		assertThat(results.stream().mapToInt(r -> r.get("duplicates").asInt()).sum())
			.isEqualTo((THREADS - 1) * EVENTS_PER_BATCH);
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("actions").asInt()).isEqualTo(EVENTS_PER_BATCH);
	}

	@Test
	void endRacingWithBatchesNeverLeavesASessionUpdatedAfterItsEnd() throws Exception {
		String id = startSession("race");
		this.clock.advance(Duration.ofSeconds(1));
		List<Callable<JsonNode>> tasks = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int n = t;
			tasks.add(() -> {
				if (n == THREADS / 2) {
					return this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout")))
						.json();
				}
				Api.Response response = this.api.post("/api/v1/sessions/" + id + "/events", batch(freshEvents()));
				assertThat(response.status()).isIn(202, 409);
				return response.status() == 202 ? response.json() : null;
			});
		}

		List<JsonNode> results = runAll(tasks);

		int accepted = results.stream()
			.filter(r -> r != null && r.has("accepted"))
			.mapToInt(r -> r.get("accepted").asInt())
			.sum();
		JsonNode session = this.api.get("/api/v1/sessions/" + id).json();
		assertThat(session.get("actions").asInt()).isEqualTo(accepted);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM session_events WHERE session_id = ?::uuid",
				Long.class, id)).isEqualTo(accepted);
		JsonNode ended = results.stream().filter(r -> r != null && r.has("endTime")).findFirst().orElseThrow();
		assertThat(ended.get("actions").asInt()).isEqualTo(accepted);
	}

	private static List<Map<String, Object>> freshEvents() {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < EVENTS_PER_BATCH; i++) {
			events.add(Map.of("id", UUID.randomUUID().toString(), "action", i % 4 == 0 ? "error" : "click"));
		}
		return events;
	}

	private static String batch(List<Map<String, Object>> events) {
		return Api.json(Map.of("events", events));
	}

	private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
		try {
			List<T> results = new ArrayList<>();
			for (Future<T> future : pool.invokeAll(tasks)) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
