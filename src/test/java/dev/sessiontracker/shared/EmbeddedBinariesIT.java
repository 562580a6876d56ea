package dev.sessiontracker.shared;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sessiontracker.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The embedded PostgreSQL's binaries run from a directory only the service's user may enter (operator audit M5:
 * zonky's shared {@code <tmp>/embedded-pg} was writable by every user). A process of its own: zonky keeps the
 * binaries it unpacked first in a JVM for every later start, so in the tests' JVM the tests' own PostgreSQL decides.
 */
class EmbeddedBinariesIT {

	@TempDir
	Path dir;

	@Test
	void theServicesPostgresRunsFromADirectoryOnlyItsUserMayEnter() throws Exception {
		assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads the server's executable from /proc");
		Path dataDir = this.dir.resolve("pgdata");
		ServiceProcess service = ServiceProcess.start(ServiceProcess.freePort(),
				Map.of("TRACKER_EMBEDDED_DB_DATA_DIR", dataDir.toString(), "TRACKER_SECURITY_READ_KEY", "k"),
				this.dir.resolve("service.log"), Duration.ofSeconds(120));
		try {
			long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
			Path executable = Path.of("/proc/" + postmaster + "/exe").toRealPath();
			Path binaries = Path
				.of(System.getProperty("java.io.tmpdir"), "session-tracker-pg-" + System.getProperty("user.name"))
				.toRealPath();

			assertThat(executable).startsWith(binaries);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries)))
				.as("only its owner may enter it").matches("rwx..-..-");
		}
		finally {
			service.terminate();
			assertThat(service.waitForExit(Duration.ofSeconds(30))).isTrue();
		}
	}

}
