package dev.sessiontracker.shared;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessiontracker.SessionTrackerApplication;
import dev.sessiontracker.support.Api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away and comes back: the service answers 503 fast, is not ready meanwhile, and recovers alone,
 * logging the outage's start and end once each rather than a stack trace at every readiness probe.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTests {

	@TempDir
	Path dataDir;

	@Test
	void whileTheDatabaseIsDownIngestionAnswers503QuicklyReadinessIsDownAndTheServiceRecoversByItself(
			CapturedOutput output) throws IOException {
		int port = freePort();
		EmbeddedPostgres postgres = postgres(port);
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SessionTrackerApplication.class)
			.properties("server.port=0", "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
					"spring.datasource.username=postgres", "tracker.scheduling.enabled=false",
					"tracker.security.read-key=k")
			.run()) {
			Api api = new Api(((WebServerApplicationContext) app).getWebServer().getPort(), "k");
			String id = api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "before"))).text("id");

			postgres.close();
			long began = System.nanoTime();
			Api.Response start = api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "during")));
			Duration took = Duration.ofNanos(System.nanoTime() - began);
			Api.Response events = api.post("/api/v1/sessions/" + id + "/events",
					Api.json(Map.of("events", java.util.List.of(Map.of("action", "a")))));

			for (Api.Response refused : java.util.List.of(start, events)) {
				assertThat(refused.status()).isEqualTo(503);
				assertThat(refused.text("type")).endsWith("/database-unavailable");
				assertThat(refused.header("Retry-After")).isNotBlank();
			}
			assertThat(took).as("not the pool's 30 s default").isLessThan(Duration.ofSeconds(5));
			for (int probe = 0; probe < 3; probe++) {
				assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(503);
			}
			assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
			assertThat(output.getOut().split("The database's health check fails", -1)).hasSize(2);
			// Spring Boot's message, with a trace, at each probe (HikariCP's own trace of a connection it finds broken,
			// once a connection, may name the health check's frames)
			assertThat(output.getOut()).doesNotContain("DataSource health check failed");

			postgres = postgres(port);
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "after"))).status() == 201);
			assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
			assertThat(output.getOut()).contains("The database's health check passes again");
			assertThat(api.get("/api/v1/sessions/" + id).text("userId")).isEqualTo("before");
		}
		finally {
			postgres.close();
		}
	}

	private EmbeddedPostgres postgres(int port) throws IOException {
		return EmbeddedPostgres.builder().setDataDirectory(this.dataDir).setCleanDataDirectory(false).setPort(port)
			.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
