package dev.sessiontracker.shared;

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

		try (ConfigurableApplicationContext second = start()) {
			Api api = new Api(port(second), "k");
			assertThat(api.get("/api/v1/sessions/" + id).text("userId")).isEqualTo("persistent");
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(SessionTrackerApplication.class)
			.properties("server.port=0", "tracker.embedded-db.data-dir=" + this.dataDir,
					"spring.datasource.url=", "tracker.scheduling.enabled=false", "tracker.security.read-key=k", "management.endpoints.web.exposure.include=health")
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
