package dev.sessiontracker.shared;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessiontracker.SessionTrackerApplication;
import dev.sessiontracker.support.Api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The zero-configuration start: no datasource URL, an embedded PostgreSQL whose data survives a restart. */
class EmbeddedDatabaseTests {

	@TempDir
	Path dataDir;

	@Test
	void withoutADatasourceUrlTheServiceRunsOnAnEmbeddedDatabaseThatKeepsItsDataAcrossRestarts() {
		String id;
		try (ConfigurableApplicationContext first = start()) {
			Api api = new Api(port(first), "k");
			Api.Response started = api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "persistent")));
			assertThat(started.status()).isEqualTo(201);
			id = started.text("id");
		}
		assertThat(this.dataDir.resolve("PG_VERSION")).exists();
		assertThat(this.dataDir.resolve("postmaster.pid")).as("PostgreSQL stopped with the service").doesNotExist();

		try (ConfigurableApplicationContext second = start()) {
			Api api = new Api(port(second), "k");
			assertThat(api.get("/api/v1/sessions/" + id).text("userId")).isEqualTo("persistent");
		}
	}

	@Test
	void aServiceThatFailsToStartStopsTheDatabaseItStarted() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			// PostgreSQL starts while the context is built; the web server then finds its port taken
			assertThatThrownBy(() -> start(taken.getLocalPort())).hasRootCauseInstanceOf(BindException.class);
		}
		assertThat(this.dataDir.resolve("PG_VERSION")).exists();
		assertThat(this.dataDir.resolve("postmaster.pid")).as("no PostgreSQL left running").doesNotExist();
	}

	private ConfigurableApplicationContext start() {
		return start(0);
	}

	private ConfigurableApplicationContext start(int port) {
		return new SpringApplicationBuilder(SessionTrackerApplication.class)
			.properties("server.port=" + port, "server.address=127.0.0.1", "tracker.embedded-db.data-dir=" + this.dataDir,
					"spring.datasource.url=", "tracker.scheduling.enabled=false", "tracker.security.read-key=k",
					"management.endpoints.web.exposure.include=health")
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
