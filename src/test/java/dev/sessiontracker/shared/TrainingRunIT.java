package dev.sessiontracker.shared;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sessiontracker.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's training run of the packaged service ({@code -Dspring.context.exit=onRefresh}, which records a class
 * data archive or an AOT cache) on the embedded database: its JVM ends with {@code Runtime.halt}, which runs no
 * shutdown hook, and the PostgreSQL it started must not outlive it.
 */
class TrainingRunIT {

	@TempDir
	Path tmp;

	@Test
	void aTrainingRunStopsTheEmbeddedDatabaseItStarted() throws Exception {
		Path data = this.tmp.resolve("data");
		Path log = Path.of("target", "training-run", "service.log");
		try {
			int exit = ServiceProcess.run(List.of("-Dspring.context.exit=onRefresh"),
					Map.of("TRACKER_EMBEDDED_DB_DATA_DIR", data.toAbsolutePath().toString(), "SERVER_PORT", "0",
							"TRACKER_SCHEDULING_ENABLED", "false"),
					log, Duration.ofSeconds(120));
			assertThat(exit).as("exit code; log: %s", log).isZero();
			assertThat(data.resolve("PG_VERSION")).as("the database it created").exists();
			assertThat(data.resolve("postmaster.pid")).as("no PostgreSQL left running on it").doesNotExist();
		}
		finally {
			EmbeddedDatabaseConfiguration.stopOrphanedServer(data.toAbsolutePath());   // a failure leaves none either
		}
	}

}
