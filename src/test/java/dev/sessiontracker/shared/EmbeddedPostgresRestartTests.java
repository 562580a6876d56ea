package dev.sessiontracker.shared;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded PostgreSQL that stops on its own (a {@code kill -9}, the kernel's out-of-memory killer) is started
 * again on its port and directory with what it had committed; one stopped with the service stays stopped.
 */
class EmbeddedPostgresRestartTests {

	private static final String PASSWORD = "restart-pw";

	@TempDir
	Path dataDir;

	private EmbeddedDatabaseConfiguration.EmbeddedPostgresStarter starter;

	@BeforeEach
	void start() {
		// with a password (the trusting default restarts under the service in EmbeddedDatabaseTests): a restart gives it
		MockEnvironment environment = new MockEnvironment()
			.withProperty("tracker.embedded-db.data-dir", this.dataDir.toString())
			.withProperty("tracker.embedded-db.password", PASSWORD);
		this.starter = new EmbeddedDatabaseConfiguration.EmbeddedPostgresStarter(environment);
		this.starter.postProcessBeanFactory(new DefaultListableBeanFactory());
	}

	@AfterEach
	void stop() {
		this.starter.destroy();
	}

	@Test
	void aKilledServerIsStartedAgainOnItsPortWithItsData() throws Exception {
		String url = this.starter.await().getJdbcUrl("postgres", "postgres") + "&password=" + PASSWORD;
		execute(url, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
		ProcessHandle postmaster = postmaster();
		CompletableFuture<Void> restarted = this.starter.watch();

		postmaster.destroyForcibly();
		restarted.get(120, TimeUnit.SECONDS);

		assertThat(postmaster().pid()).isNotEqualTo(postmaster.pid());
		assertThat(queryInt(url, "SELECT v FROM kept")).isEqualTo(42);
		assertThatExceptionOfType(SQLException.class).as("the restarted server asks for the password too")
			.isThrownBy(() -> queryInt(url.replace("&password=" + PASSWORD, ""), "SELECT 1"));
		// and the new server is watched in turn
		CompletableFuture<Void> restartedAgain = this.starter.watch();
		assertThat(restartedAgain).isNotSameAs(restarted).isNotDone();
		postmaster().destroyForcibly();
		restartedAgain.get(120, TimeUnit.SECONDS);
		assertThat(queryInt(url, "SELECT v FROM kept")).isEqualTo(42);
	}

	@Test
	void aServerStoppedWithTheServiceIsNotStartedAgain() throws Exception {
		EmbeddedPostgres server = this.starter.await();
		String url = server.getJdbcUrl("postgres", "postgres") + "&password=" + PASSWORD;
		ProcessHandle postmaster = postmaster();
		CompletableFuture<Void> exited = this.starter.watch();

		this.starter.destroy();
		postmaster.onExit().get(60, TimeUnit.SECONDS);
		exited.get(60, TimeUnit.SECONDS);

		assertThat(this.dataDir.resolve("postmaster.pid")).doesNotExist();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> queryInt(url, "SELECT 1"));
	}

	private ProcessHandle postmaster() throws Exception {
		long pid = Long.parseLong(Files.readAllLines(this.dataDir.resolve("postmaster.pid")).get(0).trim());
		return ProcessHandle.of(pid).orElseThrow();
	}

	private static void execute(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static int queryInt(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getInt(1);
		}
	}

}
