package dev.sessiontracker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import static org.awaitility.Awaitility.await;

/**
 * A PostgreSQL server that is a child process of the test, so that the test can {@code kill -9} it (and every
 * process it forked, as a crash of its host would) and start it again on the same data directory and port. It
 * runs durably: {@code fsync=on}, {@code synchronous_commit=on}. The binaries are zonky's embedded ones.
 */
public final class PostgresProcess {

	private final Path binary;

	private final Path dataDir;

	private final int port;

	private final Path log;

	private Process postmaster;

	private PostgresProcess(Path binary, Path dataDir, int port, Path log) {
		this.binary = binary;
		this.dataDir = dataDir;
		this.port = port;
		this.log = log;
	}

	/** Creates the cluster in {@code dataDir} (initdb, through zonky) without starting it. */
	public static PostgresProcess init(Path dataDir, int port, Path log) {
		try (EmbeddedPostgres initialised = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPort(port)
			.start()) {
			return new PostgresProcess(binaryOf(postmasterPid(dataDir).orElseThrow()), dataDir, port, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path binaryOf(long pid) throws IOException {
		Optional<String> command = ProcessHandle.of(pid).flatMap(p -> p.info().command());
		return command.isPresent() ? Path.of(command.get()) : Files.readSymbolicLink(Path.of("/proc", pid + "", "exe"));
	}

	/** The pid in {@code postmaster.pid}, if the file is there. */
	public static Optional<Long> postmasterPid(Path dataDir) {
		try {
			return Files.readAllLines(dataDir.resolve("postmaster.pid")).stream().findFirst().map(String::trim)
				.map(Long::valueOf);
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/** Starts the server and returns once it accepts connections. */
	public void start() {
		List<String> command = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			// PostgreSQL refuses to run as root; zonky runs it in a user namespace of its own, and so does this.
			command.addAll(List.of("unshare", "-U"));
		}
		command.addAll(List.of(this.binary.toString(), "-D", this.dataDir.toString(), "-p",
				Integer.toString(this.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c",
				"fsync=on", "-c", "synchronous_commit=on", "-c", "timezone=UTC", "-c", "max_connections=100"));
		try {
			this.postmaster = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
			if (!this.postmaster.isAlive()) {
				throw new IllegalStateException("PostgreSQL exited with " + this.postmaster.exitValue() + "; see "
						+ this.log);
			}
			try (Connection connection = connect()) {
				return connection.isValid(1);
			}
			catch (SQLException ex) {
				return false;
			}
		});
	}

	/** {@code kill -9} of the postmaster and of every process it forked, all at once. */
	public void kill() {
		kill(this.postmaster.toHandle());
	}

	/** {@code kill -9} of a postmaster and every process it forked, waiting until they are all gone. */
	public static void kill(ProcessHandle postmaster) {
		List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
		all.add(0, postmaster);
		all.forEach(ProcessHandle::destroyForcibly);
		await().atMost(Duration.ofSeconds(30)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
	}

	/** A smart shutdown ({@code SIGTERM}): waits for clients to leave, then checkpoints. */
	public void stop() {
		this.postmaster.destroy();
		await().atMost(Duration.ofSeconds(60)).until(() -> !this.postmaster.isAlive());
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), "postgres", "");
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

}
