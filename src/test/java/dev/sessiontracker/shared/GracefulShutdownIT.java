package dev.sessiontracker.shared;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.RowLocks;
import dev.sessiontracker.support.ServiceProcess;
import dev.sessiontracker.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to the packaged service (a child JVM): it stops taking connections at once, finishes the requests in
 * progress, and exits within the configured grace period even when a request never finishes.
 */
class GracefulShutdownIT {

	// the embedded PostgreSQL's superuser password, which the test's own connections give
	private static final String PASSWORD = "it-password";

	private static final Duration GRACE = Duration.ofSeconds(5);

	@Test
	void sigtermStopsAcceptingFinishesRequestsInProgressAndExitsWithinTheGracePeriod() throws Exception {
		TestDatabase db = TestDatabase.get();
		ServiceProcess service = ServiceProcess.start(ServiceProcess.freePort(),
				Map.of("SPRING_DATASOURCE_URL", db.jdbcUrl(), "SPRING_DATASOURCE_USERNAME", db.username(),
						"SPRING_DATASOURCE_PASSWORD", db.password(), "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE",
						GRACE.toSeconds() + "s", "TRACKER_LIMITS_PER_CLIENT_RATE", "0", "TRACKER_SECURITY_READ_KEY",
						"k"),
				Path.of("target", "graceful-shutdown", "service.log"), Duration.ofSeconds(120));
		Api api = new Api(service.port());
		String finishing = api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "sigterm-1"))).text("id");
		String neverFinishing = api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "sigterm-2")))
			.text("id");
		List<UUID> finishingIds = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		List<UUID> neverFinishingIds = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		try (Connection lockA = RowLocks.open(); Connection lockB = RowLocks.open()) {
			RowLocks.lockSession(lockA, finishing);
			RowLocks.lockSession(lockB, neverFinishing);
			HttpClient client = HttpClient.newHttpClient();
			CompletableFuture<HttpResponse<String>> inProgress = client.sendAsync(
					batch(service.uri("/api/v1/sessions/" + finishing + "/events"), finishingIds),
					HttpResponse.BodyHandlers.ofString());
			CompletableFuture<HttpResponse<String>> stuck = client.sendAsync(
					batch(service.uri("/api/v1/sessions/" + neverFinishing + "/events"), neverFinishingIds),
					HttpResponse.BodyHandlers.ofString());
			await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.batchesWaiting() == 2);

			long terminated = System.nanoTime();
			service.terminate();

			await().atMost(Duration.ofSeconds(10)).until(() -> refusesNewRequests(service));
			assertThat(inProgress).as("still waiting for its row").isNotDone();
			assertThat(service.isAlive()).as("waiting for the requests in progress").isTrue();
			lockA.rollback();
			assertThat(inProgress.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
			assertThat(service.waitForExit(GRACE.plusSeconds(15))).as("exited; log:\n%s", service.tail(30)).isTrue();
			Duration took = Duration.ofNanos(System.nanoTime() - terminated);
			assertThat(took).as("it waited the grace period for the request that never finished")
				.isGreaterThanOrEqualTo(GRACE.minusMillis(500));
			assertThat(stuck).failsWithin(Duration.ofSeconds(10));
			lockB.rollback();
		}
		assertThat(stored(finishing, finishingIds)).as("the finished request's events").isEqualTo(3);
		// The abandoned statement may still run once its row is free: all of it or nothing, never part.
		await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.batchesWaiting() == 0);
		assertThat(stored(neverFinishing, neverFinishingIds)).isIn(0L, 3L);
	}

	@Test
	void onTheEmbeddedDatabaseARequestInProgressFinishesWithItAndTheServerStopsAfterTheService() throws Exception {
		int dbPort = ServiceProcess.freePort();
		Path dir = Path.of("target", "graceful-shutdown-embedded");
		org.springframework.util.FileSystemUtils.deleteRecursively(dir);
		ServiceProcess service = ServiceProcess.start(ServiceProcess.freePort(),
				Map.of("TRACKER_EMBEDDED_DB_DATA_DIR", dir.resolve("pgdata").toAbsolutePath().toString(),
						"TRACKER_EMBEDDED_DB_PORT", Integer.toString(dbPort), "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE",
						GRACE.toSeconds() + "s", "TRACKER_LIMITS_PER_CLIENT_RATE", "0", "TRACKER_SECURITY_READ_KEY",
						"k", "TRACKER_EMBEDDED_DB_PASSWORD", PASSWORD),
				dir.resolve("service.log"), Duration.ofSeconds(120));
		String embedded = "jdbc:postgresql://localhost:" + dbPort + "/postgres";
		String session = new Api(service.port()).post("/api/v1/sessions/start", Api.json(Map.of("userId", "ctrl-c")))
			.text("id");
		List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
		try (Connection lock = DriverManager.getConnection(embedded, "postgres", PASSWORD)) {
			lock.setAutoCommit(false);
			RowLocks.lockSession(lock, session);
			CompletableFuture<HttpResponse<String>> inProgress = HttpClient.newHttpClient()
				.sendAsync(batch(service.uri("/api/v1/sessions/" + session + "/events"), ids),
						HttpResponse.BodyHandlers.ofString());
			await().atMost(Duration.ofSeconds(10)).until(() -> waitingFor(embedded) == 1);

			service.terminate();

			await().atMost(Duration.ofSeconds(10)).until(() -> refusesNewRequests(service));
			assertThat(lock.isValid(2)).as("the database still runs while the request is in progress").isTrue();
			lock.rollback();
			assertThat(inProgress.get(10, TimeUnit.SECONDS).statusCode()).as("log:\n%s", service.tail(40))
				.isEqualTo(202);
		}
		assertThat(service.waitForExit(GRACE.plusSeconds(15))).as("exited; log:\n%s", service.tail(30)).isTrue();
		String log = Files.readString(service.log());
		assertThat(log.indexOf("shut down postmaster")).as("the server stopped after the service: log:\n%s",
				service.tail(40))
			.isGreaterThan(log.indexOf("Graceful shutdown complete"))
			.isGreaterThan(0);
		assertThatThrownBy(() -> DriverManager.getConnection(embedded, "postgres", PASSWORD).close())
			.as("the embedded server stopped with the service")
			.isInstanceOf(java.sql.SQLException.class);
	}

	private static long waitingFor(String url) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, "postgres", PASSWORD);
				ResultSet result = connection.createStatement()
					.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
			result.next();
			return result.getLong(1);
		}
	}

	/** A new connection is refused (or answered 503): the service takes no new work. */
	private static boolean refusesNewRequests(ServiceProcess service) throws InterruptedException {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(service.uri("/actuator/health/liveness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 503;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static HttpRequest batch(URI uri, List<UUID> ids) {
		List<Map<String, String>> events = ids.stream().map(id -> Map.of("id", id.toString(), "action", "click"))
			.toList();
		return HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.header("User-Agent", Api.BROWSER)
			.POST(HttpRequest.BodyPublishers.ofString(Api.json(Map.of("events", events))))
			.build();
	}

	private static long stored(String session, List<UUID> ids) throws Exception {
		TestDatabase db = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
				PreparedStatement query = connection
					.prepareStatement("SELECT count(*) FROM session_events WHERE session_id = ? AND id = ANY (?)")) {
			query.setObject(1, UUID.fromString(session));
			query.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

}
