package dev.sessiontracker.shared;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded default PostgreSQL, used only when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the cluster keeps its files between runs
 * @param port the port it listens on; 0 picks a free one
 * @param password when set, the superuser's password, which every connection must give; otherwise every local
 * connection is trusted ({@link EmbeddedPostgresPassword})
 */
@ConfigurationProperties("tracker.embedded-db")
public record EmbeddedDatabaseProperties(@DefaultValue("data/postgres") Path dataDir, @DefaultValue("0") int port,
		String password) {

	public EmbeddedDatabaseProperties {
		// Checked here, not by Bean Validation: the embedded database's starter binds this before validation is set up.
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("tracker.embedded-db.port (TRACKER_EMBEDDED_DB_PORT) must be 0 (a free "
					+ "port) or a port from 1 to 65535, not " + port);
		}
	}

}
