package dev.sessiontracker.shared;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sessiontracker.support.PostgresProcess;
import dev.sessiontracker.support.RetryingClients;
import dev.sessiontracker.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault-injection run: constant load from retrying clients while the service (a child JVM from the packaged
 * jar) and PostgreSQL are each killed with {@code kill -9} and restarted several times. At the end every event a
 * client saw acknowledged must be stored exactly once, and counters must match the stored events. Prints the
 * figures and writes them to {@code target/fault-injection/figures.md}. {@code -Dfault.duration=SECONDS} sets the
 * length of the faulty phase ({@code bench/fault-injection.sh} runs only this).
 */
class FaultInjectionIT {

	private static final Duration DURATION = Duration.ofSeconds(Long.getLong("fault.duration", 30));

	private static final int CLIENTS = Integer.getInteger("fault.clients", 6);

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final Path OUT = Path.of("target", "fault-injection");

	@TempDir
	Path tmp;

	private ServiceProcess service;

	private final List<Recovery> recoveries = new ArrayList<>();

	@Test
	void everyAcknowledgedEventIsStoredExactlyOnceWhileTheServiceAndPostgresAreKilledAndRestarted() throws Exception {
		int faults = (int) Math.max(4, DURATION.toSeconds() / 10);
		PostgresProcess postgres = PostgresProcess.init(this.tmp.resolve("pg"), ServiceProcess.freePort(),
				OUT.resolve("postgres.log"));
		postgres.start();
		Map<String, String> env = environment(Map.of("SPRING_DATASOURCE_URL", postgres.jdbcUrl(),
				"SPRING_DATASOURCE_USERNAME", "postgres"));
		int port = ServiceProcess.freePort();
		this.service = ServiceProcess.start(port, env, OUT.resolve("service.log"), STARTUP);
		RetryingClients clients = new RetryingClients(this.service.uri("/"));
		long began = System.nanoTime();
		try {
			clients.start(CLIENTS, Duration.ofMillis(1500), 9);
			for (int f = 0; f < faults; f++) {
				waitUntil(began + DURATION.toNanos() * (f + 1) / (faults + 1));
				if (f % 2 == 0) {
					restartService(clients, port, env, OUT.resolve("service.log"), "service", () -> {
					});
				}
				else {
					restartPostgres(clients, postgres);
				}
			}
			waitUntil(began + DURATION.toNanos());
			clients.stopAndDrain(Duration.ofSeconds(60));
		}
		finally {
			this.service.terminate();
			this.service.waitForExit(Duration.ofSeconds(30));
		}
		DeliveryCheck check;
		try (Connection db = postgres.connect()) {
			check = DeliveryCheck.of(clients, db);
		}
		postgres.stop();

		report("external PostgreSQL, " + DURATION.toSeconds() + " s, " + CLIENTS + " clients", check, clients,
				began);
		assertDelivered(check, clients);
	}

	@Test
	void theServicesOwnEmbeddedPostgresRestartsCleanlyAfterTheServiceIsKilledAndKeepsAcknowledgedData()
			throws Exception {
		Path dataDir = this.tmp.resolve("embedded");
		int dbPort = ServiceProcess.freePort();
		Map<String, String> env = environment(Map.of("TRACKER_EMBEDDED_DB_DATA_DIR", dataDir.toString(),
				"TRACKER_EMBEDDED_DB_PORT", Integer.toString(dbPort), "TRACKER_EMBEDDED_DB_PASSWORD", "it-password"));
		int port = ServiceProcess.freePort();
		Path log = OUT.resolve("embedded-service.log");
		this.service = ServiceProcess.start(port, env, log, STARTUP);
		RetryingClients clients = new RetryingClients(this.service.uri("/"));
		long began = System.nanoTime();
		try {
			clients.start(3, Duration.ofMillis(1500), 17);
			waitUntil(began + Duration.ofSeconds(3).toNanos());
			restartService(clients, port, env, log, "service (its PostgreSQL left running)", () -> assertThat(
					PostgresProcess.postmasterPid(dataDir).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive))
				.as("its PostgreSQL outlives it")
				.isPresent());
			waitUntil(System.nanoTime() + Duration.ofSeconds(3).toNanos());
			ProcessHandle postmaster = PostgresProcess.postmasterPid(dataDir).flatMap(ProcessHandle::of).orElseThrow();
			restartService(clients, port, env, log, "service and its PostgreSQL (stale postmaster.pid)", () -> {
				PostgresProcess.kill(postmaster);
				assertThat(dataDir.resolve("postmaster.pid")).as("a stale lock file left behind").exists();
			});
			waitUntil(System.nanoTime() + Duration.ofSeconds(3).toNanos());
			// its PostgreSQL killed under the running service, which starts it again by itself
			ProcessHandle running = PostgresProcess.postmasterPid(dataDir).flatMap(ProcessHandle::of).orElseThrow();
			long killed = System.nanoTime();
			PostgresProcess.kill(running);
			clients.markNow();
			this.recoveries.add(awaitRecovery(clients, "its PostgreSQL (postmaster and children) under the running "
					+ "service, which starts it again;", killed, killed));
			waitUntil(System.nanoTime() + Duration.ofSeconds(3).toNanos());
			clients.stopAndDrain(Duration.ofSeconds(60));
			DeliveryCheck check;
			try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres",
					"postgres", "it-password")) {
				check = DeliveryCheck.of(clients, db);
			}
			report("embedded PostgreSQL", check, clients, began);
			assertDelivered(check, clients);
		}
		finally {
			this.service.terminate();
			assertThat(this.service.waitForExit(Duration.ofSeconds(30))).isTrue();
		}
		assertThat(PostgresProcess.postmasterPid(dataDir)).as("its PostgreSQL stopped with it").isEmpty();
	}

	/** Kills the service ({@code andThen} right after) and starts it again on the same port. */
	private void restartService(RetryingClients clients, int port, Map<String, String> env, Path log, String what,
			Runnable andThen) {
		long killed = System.nanoTime();
		this.service.kill();
		andThen.run();
		long restarted = System.nanoTime();
		clients.markNow();
		this.service = ServiceProcess.start(port, env, log, STARTUP);
		this.recoveries.add(awaitRecovery(clients, what, killed, restarted));
	}

	private void restartPostgres(RetryingClients clients, PostgresProcess postgres) {
		long killed = System.nanoTime();
		postgres.kill();
		await().atMost(Duration.ofSeconds(10)).until(() -> status("/actuator/health/readiness") == 503);
		long restarted = System.nanoTime();
		clients.markNow();
		postgres.start();
		String what = String.format(Locale.ROOT, "postgres (postmaster and children; it accepted connections %.1f s "
				+ "after its restart)", seconds(System.nanoTime() - restarted));
		this.recoveries.add(awaitRecovery(clients, what, killed, restarted));
		await().atMost(Duration.ofSeconds(10)).until(() -> status("/actuator/health/readiness") == 200);
	}

	private static Recovery awaitRecovery(RetryingClients clients, String what, long killed, long restarted) {
		await().atMost(Duration.ofSeconds(60)).until(() -> clients.firstSuccessAfterMark() != 0);
		long first = clients.firstSuccessAfterMark();
		return new Recovery(what, seconds(first - restarted), seconds(first - killed));
	}

	private int status(String path) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(this.service.uri(path)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	private static Map<String, String> environment(Map<String, String> database) {
		Map<String, String> env = new HashMap<>(database);
		env.put("TRACKER_LIMITS_PER_CLIENT_RATE", "0");
		env.put("TRACKER_LIMITS_GLOBAL_RATE", "0");
		env.put("TRACKER_LIMITS_MAX_ACTIVE_SESSIONS_PER_USER", "100000");
		env.put("TRACKER_SECURITY_READ_KEY", "fault-injection");
		return env;
	}

	private static void assertDelivered(DeliveryCheck check, RetryingClients clients) {
		Map<Integer, Long> unexpected = clients.answers.keySet()
			.stream()
			.filter(status -> !List.of(0, 200, 201, 202, 409, 503).contains(status))
			.collect(Collectors.toMap(s -> s, clients::count));
		assertThat(unexpected).as("answers other than 2xx, 409, 503 or none").isEmpty();
		assertThat(check.lost()).as("acknowledged events lost").isZero();
		assertThat(check.duplicates()).as("events stored twice in a session").isZero();
		assertThat(check.acknowledged()).as("every batch sent was eventually acknowledged").isEqualTo(check.sent());
		assertThat(check.startsMissing()).as("acknowledged starts missing").isZero();
		assertThat(check.endsMissing()).as("acknowledged ends not ended").isZero();
		assertThat(check.counterMismatches()).as("sessions whose counters differ from their events").isZero();
		assertThat(check.copiesElsewhere()).as("events stored again in a new session after a lost answer").isZero();
		assertThat(check.stored()).as("stored rows: each acknowledged event once").isEqualTo(check.acknowledged());
		assertThat(check.nothingLost()).isTrue();
	}

	private void report(String title, DeliveryCheck check, RetryingClients clients, long began) throws IOException {
		String recoveries = this.recoveries.stream()
			.map(r -> String.format(Locale.ROOT, "| %s kill -9, then restart | %.1f s to the first 2xx after the "
					+ "restart (%.1f s after the kill) |", r.what(), r.afterRestart(), r.afterKill()))
			.collect(Collectors.joining("\n"));
		String table = String.join("\n", "Fault injection, " + title + ", " + Instant.now() + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores, " + String.format(Locale.ROOT, "%.0f s in all",
						seconds(System.nanoTime() - began)),
				"", "| figure | value |", "| --- | --- |", check.table(),
				"| requests answered 2xx / 409 / 503 / not answered (refused, reset, timed out) | "
						+ (clients.count(200) + clients.count(201) + clients.count(202)) + " / " + clients.count(409)
						+ " / " + clients.count(503) + " / " + clients.count(0) + " |",
				"| retries / batches moved to a new session by a 409 | " + clients.retries.sum() + " / "
						+ clients.moved.sum() + " |",
				recoveries, "");
		System.out.println(table);
		Files.createDirectories(OUT);
		Files.writeString(OUT.resolve("figures.md"), table + "\n", java.nio.file.StandardOpenOption.CREATE,
				java.nio.file.StandardOpenOption.APPEND);
		this.recoveries.clear();
	}

	/** The load schedule: the faults come at set times, whatever the clients are doing. */
	private static void waitUntil(long nanoTime) throws InterruptedException {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			Thread.sleep(left / 1_000_000);
		}
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private record Recovery(String what, double afterRestart, double afterKill) {
	}

}
