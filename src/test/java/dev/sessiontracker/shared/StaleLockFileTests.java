package dev.sessiontracker.shared;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a hard kill the embedded PostgreSQL's {@code postmaster.pid} stays behind, and after a restart of the host
 * or container its pid may belong to anything, this JVM included. Only a PostgreSQL running on this very data
 * directory is stopped; a lock file naming another live process is stale and removed, so PostgreSQL starts.
 */
class StaleLockFileTests {

	@TempDir
	Path dataDir;

	@Test
	void aLockFileNamingAnotherLiveProcessIsRemovedAndThatProcessLeftAlone() throws Exception {
		Process unrelated = new ProcessBuilder("sleep", "300").start();
		try {
			writeLockFile(unrelated.pid());

			EmbeddedDatabaseConfiguration.stopOrphanedServer(this.dataDir);

			assertThat(unrelated.waitFor(200, TimeUnit.MILLISECONDS)).as("still running").isFalse();
			assertThat(this.dataDir.resolve("postmaster.pid")).doesNotExist();
		}
		finally {
			unrelated.destroyForcibly();
		}
	}

	@Test
	void aLockFileNamingThisVeryProcessIsRemoved() throws Exception {
		// In a container the service is often pid 1 again after a restart, and the old postmaster's pid can be its own.
		writeLockFile(ProcessHandle.current().pid());

		EmbeddedDatabaseConfiguration.stopOrphanedServer(this.dataDir);

		assertThat(this.dataDir.resolve("postmaster.pid")).doesNotExist();
	}

	@Test
	void aLockFileNamingADeadProcessIsLeftToPostgresql() throws Exception {
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		writeLockFile(gone.pid());

		EmbeddedDatabaseConfiguration.stopOrphanedServer(this.dataDir);

		assertThat(this.dataDir.resolve("postmaster.pid")).exists();
	}

	/** As PostgreSQL writes it: pid, data directory, start time, port, socket directory, address, shared memory. */
	private void writeLockFile(long pid) throws Exception {
		Files.writeString(this.dataDir.resolve("postmaster.pid"), pid + "\n" + this.dataDir + "\n1764000000\n5433\n"
				+ "/tmp\nlocalhost\n  5433001   7\nready   \n");
	}

}
