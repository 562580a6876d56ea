package dev.sessiontracker.shared;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessiontracker.SessionTrackerApplication;
import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.RowLocks;
import dev.sessiontracker.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Beyond capacity the service sheds load with 429 or 503 and Retry-After, at once, instead of letting requests
 * queue: over the request rate, over the requests in progress, and when every database connection is taken.
 */
class OverloadTests {

	private static final String BATCH = Api.json(Map.of("events", List.of(Map.of("action", "click"))));

	@Test
	void aFloodBeyondTheRateAndConcurrencyLimitsGetsOnly2xx429Or503WithRetryAfterAndTheServiceStaysUp()
			throws Exception {
		try (ConfigurableApplicationContext app = start("tracker.limits.global-rate=20",
				"tracker.limits.max-concurrent-requests=4")) {
			int port = port(app);
			String session = new Api(port).post("/api/v1/sessions/start", Api.json(Map.of("userId", "flood")))
				.text("id");
			HttpClient client = HttpClient.newHttpClient();
			List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				String path = i % 3 == 0 ? "/api/v1/sessions/start" : "/api/v1/sessions/" + session + "/events";
				String body = i % 3 == 0 ? Api.json(Map.of("userId", "flood-" + i)) : BATCH;
				flood.add(client.sendAsync(post(port, path, body), HttpResponse.BodyHandlers.ofString()));
			}

			List<HttpResponse<String>> answers = new ArrayList<>();
			for (CompletableFuture<HttpResponse<String>> answer : flood) {
				answers.add(answer.get(30, TimeUnit.SECONDS));
			}

			assertThat(answers).extracting(HttpResponse::statusCode).isSubsetOf(201, 202, 429, 503);
			assertThat(answers).filteredOn(a -> a.statusCode() == 429).isNotEmpty().allSatisfy(a -> {
				assertThat(Integer.parseInt(a.headers().firstValue("Retry-After").orElseThrow())).isPositive();
				assertThat(a.body()).contains("/problems/rate-limited");
			});
			assertThat(answers).filteredOn(a -> a.statusCode() == 503).allSatisfy(a -> {
				assertThat(a.headers().firstValue("Retry-After")).isPresent();
				assertThat(a.body()).containsAnyOf("/problems/overloaded", "/problems/database-unavailable");
			});
			long stored = app.getBean(JdbcTemplate.class)
				.queryForObject("SELECT count(*) FROM session_events WHERE session_id = ?::uuid", Long.class, session);
			assertThat(stored).as("every 202 stored its event, nothing else was")
				.isEqualTo(answers.stream().filter(a -> a.statusCode() == 202).count());
			Api api = new Api(port);
			assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> api.post("/api/v1/sessions/" + session + "/events", BATCH).status() == 202);
		}
	}

	@Test
	void requestsBeyondTheConcurrencyLimitAre503AtOnceWhileTheOnesInProgressComplete() throws Exception {
		try (ConfigurableApplicationContext app = start("tracker.limits.max-concurrent-requests=2");
				Connection locker = RowLocks.open()) {
			Api api = new Api(port(app));
			HeldBatches held = holdTwoBatches(app, locker, "busy");

			long began = System.nanoTime();
			Api.Response refused = api.post("/api/v1/sessions/" + held.spare() + "/events", BATCH);
			Duration took = Duration.ofNanos(System.nanoTime() - began);

			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.text("type")).endsWith("/overloaded");
			assertThat(refused.header("Retry-After")).isEqualTo("1");
			assertThat(took).as("refused at once, not after waiting").isLessThan(Duration.ofSeconds(1));
			assertDocumented(port(app), refused);
			assertThat(api.get("/actuator/health/liveness").status()).as("health is never limited").isEqualTo(200);
			locker.rollback();
			held.assertAllStored();
			assertThat(api.post("/api/v1/sessions/" + held.spare() + "/events", BATCH).status()).isEqualTo(202);
		}
	}

	@Test
	void anExhaustedConnectionPoolAnswers503WithinTheConnectionTimeoutInsteadOfQueueing() throws Exception {
		// Two, not one: Flyway needs a second connection for its lock at start-up.
		try (ConfigurableApplicationContext app = start("spring.datasource.hikari.maximum-pool-size=2");
				Connection locker = RowLocks.open()) {
			Api api = new Api(port(app));
			HeldBatches held = holdTwoBatches(app, locker, "pool");

			long began = System.nanoTime();
			Api.Response refused = api.post("/api/v1/sessions/" + held.spare() + "/events", BATCH);
			Duration took = Duration.ofNanos(System.nanoTime() - began);

			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.text("type")).endsWith("/database-unavailable");
			assertThat(refused.header("Retry-After")).isNotBlank();
			assertThat(took).as("the 1 s connection timeout, not the pool's 30 s default")
				.isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
			assertDocumented(port(app), refused);
			locker.rollback();
			held.assertAllStored();
			assertThat(api.post("/api/v1/sessions/" + held.spare() + "/events", BATCH).status()).isEqualTo(202);
		}
	}

	/**
	 * Starts three sessions and sends a batch to each of the first two while their rows are locked, so that both
	 * requests are in progress (holding a permit and a connection) until the locker rolls back.
	 */
	private static HeldBatches holdTwoBatches(ConfigurableApplicationContext app, Connection locker, String users)
			throws Exception {
		int port = port(app);
		Api api = new Api(port);
		List<String> sessions = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			sessions.add(api.post("/api/v1/sessions/start", Api.json(Map.of("userId", users + "-" + i))).text("id"));
		}
		HttpClient client = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		for (String session : sessions.subList(0, 2)) {
			RowLocks.lockSession(locker, session);
			answers.add(client.sendAsync(post(port, "/api/v1/sessions/" + session + "/events", BATCH),
					HttpResponse.BodyHandlers.ofString()));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.batchesWaiting() == 2);
		return new HeldBatches(sessions.get(2), answers);
	}

	/** Two batches in progress, and a third session nobody holds. */
	private record HeldBatches(String spare, List<CompletableFuture<HttpResponse<String>>> answers) {

		void assertAllStored() throws Exception {
			for (CompletableFuture<HttpResponse<String>> answer : this.answers) {
				assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
			}
		}

	}

	/** Starts the service with the given properties, as command-line arguments so they win over its own. */
	/** The refused batch is answered as the API document's example of its 503 for that cause says. */
	private static void assertDocumented(int port, Api.Response refused) {
		JsonNode examples = new Api(port, "k").get("/v3/api-docs")
			.json()
			.at("/paths/~1api~1v1~1sessions~1{id}~1events/post/responses/503/content/application~1problem+json/examples");
		String cause = refused.text("type").substring("/problems/".length());
		JsonNode documented = examples.at("/" + cause + "/value");
		JsonNode answer = refused.json();
		for (String field : List.of("type", "title", "status", "detail")) {
			assertThat(answer.get(field)).as(field).isEqualTo(documented.get(field));
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		TestDatabase db = TestDatabase.get();
		return new SpringApplicationBuilder(SessionTrackerApplication.class)
			.properties("server.port=0", "spring.datasource.url=" + db.jdbcUrl(),
					"spring.datasource.username=" + db.username(), "spring.datasource.password=" + db.password(),
					"tracker.scheduling.enabled=false", "tracker.security.read-key=k",
					"tracker.limits.per-client-rate=0", "tracker.limits.global-rate=0",
					"tracker.limits.max-active-sessions-per-user=100000", "spring.main.banner-mode=off")
			.run(java.util.Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new));
	}

	private static HttpRequest post(int port, String path, String body) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.header("User-Agent", Api.BROWSER)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
