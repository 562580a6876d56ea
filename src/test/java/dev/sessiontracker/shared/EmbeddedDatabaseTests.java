package dev.sessiontracker.shared;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

import dev.sessiontracker.SessionTrackerApplication;
import dev.sessiontracker.shared.EmbeddedDatabaseConfiguration.PortInUseException;
import dev.sessiontracker.shared.EmbeddedDatabaseConfiguration.UnusableDataDirectoryException;
import dev.sessiontracker.shared.EmbeddedDatabaseConfiguration.UnusableDataDirectoryException.Reason;
import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The zero-configuration start: no datasource URL, an embedded PostgreSQL whose data survives a restart. */
class EmbeddedDatabaseTests {

	private static final ArgumentResolver ANALYZER_ARGUMENTS = ArgumentResolver
		.of(BeanFactory.class, new DefaultListableBeanFactory())
		.and(Environment.class, new StandardEnvironment());

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
		assertThat(this.dataDir.resolve("PG_VERSION")).as("the major version the service checks a directory for")
			.hasContent(EmbeddedDatabaseConfiguration.POSTGRES_MAJOR);
		assertThat(this.dataDir.resolve("postmaster.pid")).as("PostgreSQL stopped with the service").doesNotExist();

		try (ConfigurableApplicationContext second = start()) {
			Api api = new Api(port(second), "k");
			assertThat(api.get("/api/v1/sessions/" + id).text("userId")).isEqualTo("persistent");
		}
	}

	@Test
	void anEmbeddedDatabaseKilledUnderTheServiceIsStartedAgainAndTheServiceGoesOn() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			Api api = new Api(port(context), "k");
			String id = api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "survivor"))).text("id");
			CompletableFuture<Void> restarted = context
				.getBean(EmbeddedDatabaseConfiguration.EmbeddedPostgresStarter.class)
				.watch();
			long pid = Long.parseLong(Files.readAllLines(this.dataDir.resolve("postmaster.pid")).get(0).trim());
			// lost meanwhile too: the server started again asks for the password the pool gives, not a new one
			Files.delete(this.dataDir.resolve(EmbeddedPostgresPassword.GENERATED));

			ProcessHandle.of(pid).orElseThrow().destroyForcibly();
			restarted.get(120, TimeUnit.SECONDS);

			// the pool validates a connection idle for a while before handing it out: the very first requests succeed
			assertThat(api.post("/api/v1/sessions/" + id + "/heartbeat", null).status()).isEqualTo(200);
			assertThat(api.get("/api/v1/sessions/" + id).text("userId")).isEqualTo("survivor");
			assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
		}
		assertThat(this.dataDir.resolve("postmaster.pid")).as("PostgreSQL stopped with the service").doesNotExist();
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

	@Test
	void aPlatformWhoseBinariesTheJarLacksGetsAStartFailureThatSaysWhatToDo() {
		// A jar holds the binaries of the platform that built it (pom.xml's profiles): macOS's are not on a Linux
		// build's class path, and zonky has none for RISC-V at all. What its resolver throws then:
		assumeTrue(getClass().getClassLoader().getResource("postgres-darwin-x86_64.txz") == null,
				"built with macOS's binaries (on an Intel Mac, or -Dembedded-postgres.all-platforms)");
		DefaultPostgresBinaryResolver resolver = DefaultPostgresBinaryResolver.INSTANCE;
		Throwable missing = catchThrowable(() -> resolver.getPgBinary("Darwin", "x86_64"));
		Throwable unsupported = catchThrowable(() -> resolver.getPgBinary("Linux", "riscv64"));
		assertThat(missing).hasMessage(EmbeddedPostgresFailureAnalyzer.MISSING_BINARIES);
		assertThat(unsupported).hasMessageStartingWith(EmbeddedPostgresFailureAnalyzer.UNSUPPORTED_ARCHITECTURE);

		for (Throwable cause : new Throwable[] { missing, unsupported }) {
			Throwable failure = new BeanCreationException("dataSource", "Failed to instantiate",
					new BeanCreationException("embeddedPostgres", "Failed to instantiate", cause));
			// the analyzers Spring Boot reports a failed start with: only this one explains it
			assertThat(analyses(failure)).singleElement()
				.satisfies(analysis -> {
					assertThat(analysis.getDescription()).contains("no embedded PostgreSQL for this platform",
							System.getProperty("os.arch"));
					assertThat(analysis.getAction()).contains("./mvnw spring-boot:run",
							"-Dembedded-postgres.all-platforms", "SPRING_DATASOURCE_URL");
					assertThat(analysis.getCause()).isSameAs(cause);
				});
		}
		assertThat(new EmbeddedPostgresFailureAnalyzer().analyze(new IllegalStateException("another state"))).isNull();
	}

	@Test
	void aDataDirectoryOfAnotherPostgresVersionIsRefusedWithAFailureThatSaysWhatToDo() throws IOException {
		// what an upgrade of the jar's PostgreSQL, or a directory an external PostgreSQL 15 wrote, leaves there
		Files.writeString(this.dataDir.resolve("PG_VERSION"), "15\n");

		Throwable failure = catchThrowable(this::start);

		assertThat(failure).rootCause()
			.isInstanceOfSatisfying(UnusableDataDirectoryException.class,
					unusable -> assertThat(unusable.reason()).isEqualTo(Reason.OTHER_VERSION));
		assertThat(analyses(failure)).singleElement().satisfies(analysis -> {
			assertThat(analysis.getDescription()).contains(this.dataDir.toString(), "PostgreSQL 15",
					"PostgreSQL " + EmbeddedDatabaseConfiguration.POSTGRES_MAJOR + " cannot read");
			assertThat(analysis.getAction()).contains("PostgreSQL 15", "SPRING_DATASOURCE_URL",
					"TRACKER_EMBEDDED_DB_DATA_DIR");
		});
		assertThat(this.dataDir.resolve("PG_VERSION")).as("left as it was").hasContent("15\n");
		assertThat(this.dataDir.resolve("postmaster.pid")).doesNotExist();
	}

	@Test
	void aDataDirectoryHoldingOtherFilesIsRefusedWithAFailureThatSaysWhatToDo() throws IOException {
		// a mounted volume's root, or a directory given by mistake
		Files.createDirectory(this.dataDir.resolve("lost+found"));

		Throwable failure = catchThrowable(this::start);

		assertThat(failure).rootCause()
			.isInstanceOfSatisfying(UnusableDataDirectoryException.class,
					unusable -> assertThat(unusable.reason()).isEqualTo(Reason.NOT_EMPTY));
		assertThat(analyses(failure)).singleElement().satisfies(analysis -> {
			assertThat(analysis.getDescription()).contains(this.dataDir.toString(), "no PostgreSQL data");
			assertThat(analysis.getAction()).contains("TRACKER_EMBEDDED_DB_DATA_DIR", "lost+found");
		});
		try (Stream<Path> files = Files.list(this.dataDir)) {
			assertThat(files).as("left as it was").containsExactly(this.dataDir.resolve("lost+found"));
		}
	}

	@Test
	void withAPasswordTheEmbeddedDatabaseTakesOnlyConnectionsThatGiveIt() throws Exception {
		int dbPort = ServiceProcess.freePort();
		String url = "jdbc:postgresql://localhost:" + dbPort + "/postgres";
		String[] withPassword = { "tracker.embedded-db.port=" + dbPort, "tracker.embedded-db.password=s3cret-pw" };
		String id;
		try (ConfigurableApplicationContext first = start(0, withPassword)) {
			id = new Api(port(first), "k").post("/api/v1/sessions/start", Api.json(Map.of("userId", "guarded")))
				.text("id");

			assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class)
				.hasMessageContaining("password");
			assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "wrong"))
				.isInstanceOf(SQLException.class);
			try (Connection given = DriverManager.getConnection(url, "postgres", "s3cret-pw")) {
				assertThat(given.isValid(1)).isTrue();
			}
		}
		assertThat(Files.readString(this.dataDir.resolve(EmbeddedPostgresPassword.MARK))).doesNotContain("s3cret-pw");

		try (ConfigurableApplicationContext again = start(0, withPassword)) {
			assertThat(new Api(port(again), "k").get("/api/v1/sessions/" + id).status()).isEqualTo(200);
			assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
		}
		try (ConfigurableApplicationContext changed = start(0, "tracker.embedded-db.port=" + dbPort,
				"tracker.embedded-db.password=n3w-s3cret-pw")) {
			assertThat(new Api(port(changed), "k").get("/api/v1/sessions/" + id).status()).isEqualTo(200);
			assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "s3cret-pw"))
				.as("the password before").isInstanceOf(SQLException.class);
			try (Connection given = DriverManager.getConnection(url, "postgres", "n3w-s3cret-pw")) {
				assertThat(given.isValid(1)).isTrue();
			}
		}
		try (ConfigurableApplicationContext madeUp = start(0, "tracker.embedded-db.port=" + dbPort)) {
			assertThat(new Api(port(madeUp), "k").get("/api/v1/sessions/" + id).status()).isEqualTo(200);
			assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "n3w-s3cret-pw"))
				.as("the setting taken off: a password made up for the directory instead").isInstanceOf(SQLException.class);
			try (Connection given = DriverManager.getConnection(url, "postgres", madeUpPassword())) {
				assertThat(given.isValid(1)).isTrue();
			}
		}
	}

	@Test
	void withoutAPasswordConfiguredTheDirectoryGetsOneMadeUpKeptInItForItsUserOnly() throws Exception {
		int dbPort = ServiceProcess.freePort();
		String url = "jdbc:postgresql://localhost:" + dbPort + "/postgres";
		String password;
		try (ConfigurableApplicationContext first = start(0, "tracker.embedded-db.port=" + dbPort)) {
			assertThat(new Api(port(first), "k").post("/api/v1/sessions/start", Api.json(Map.of("userId", "u")))
				.status()).isEqualTo(201);
			password = madeUpPassword();
			assertThat(password).hasSizeGreaterThanOrEqualTo(32);
			assertThat(Files.getPosixFilePermissions(this.dataDir.resolve(EmbeddedPostgresPassword.GENERATED)))
				.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
			assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class)
				.hasMessageContaining("password");
			try (Connection given = DriverManager.getConnection(url, "postgres", password)) {
				assertThat(given.isValid(1)).isTrue();
			}
		}
		try (ConfigurableApplicationContext again = start(0, "tracker.embedded-db.port=" + dbPort)) {
			assertThat(madeUpPassword()).as("kept across starts").isEqualTo(password);
			assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
		}

		// lost (a copy of the directory without it): the next start makes up and sets another
		Files.delete(this.dataDir.resolve(EmbeddedPostgresPassword.GENERATED));
		try (ConfigurableApplicationContext lost = start(0, "tracker.embedded-db.port=" + dbPort)) {
			assertThat(new Api(port(lost), "k").get("/actuator/health").status()).isEqualTo(200);
			assertThat(madeUpPassword()).isNotEqualTo(password);
			assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", password))
				.isInstanceOf(SQLException.class);
			try (Connection given = DriverManager.getConnection(url, "postgres", madeUpPassword())) {
				assertThat(given.isValid(1)).isTrue();
			}
		}
	}

	private String madeUpPassword() throws IOException {
		return Files.readString(this.dataDir.resolve(EmbeddedPostgresPassword.GENERATED)).trim();
	}

	@Test
	@Timeout(120) // before the check, a listener that never answers hung the start for good
	void aPortAnotherProcessListensOnIsRefusedWithAFailureThatSaysWhatToDo() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Throwable failure = catchThrowable(() -> start(0, "tracker.embedded-db.port=" + taken.getLocalPort()));

			assertThat(failure).rootCause()
				.isInstanceOfSatisfying(PortInUseException.class,
						refused -> assertThat(refused.port()).isEqualTo(taken.getLocalPort()));
			assertThat(analyses(failure)).singleElement().satisfies(analysis -> {
				assertThat(analysis.getDescription()).contains("port " + taken.getLocalPort(), "in use");
				assertThat(analysis.getAction()).contains("TRACKER_EMBEDDED_DB_PORT");
			});
		}
		assertThat(this.dataDir.resolve("postmaster.pid")).as("nothing started").doesNotExist();
	}

	@Test
	void aServerOfAnotherDataDirectoryAnsweringOnThePortIsNotTakenForTheEmbeddedOne(@TempDir Path otherDir)
			throws IOException {
		// the moment between the port's check and PostgreSQL's start, or a server on an address the check did not bind
		try (EmbeddedPostgres other = EmbeddedPostgres.builder().setDataDirectory(otherDir).start()) {
			assertThatThrownBy(() -> EmbeddedDatabaseConfiguration.requireOwnServer(other, this.dataDir))
				.isInstanceOf(PortInUseException.class)
				.hasMessageContaining(otherDir.toString());
		}
	}

	@Test
	void aBinariesDirectoryOthersMayEnterOrThatIsALinkIsNotUsed(@TempDir Path tmp) throws IOException {
		Path open = Files.createDirectory(tmp.resolve("open"));
		Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
		Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectory(tmp.resolve("target")));
		Files.setPosixFilePermissions(tmp.resolve("target"), PosixFilePermissions.fromString("rwx------"));

		for (Path taken : List.of(open, link)) {
			Path used = EmbeddedPostgresBinaries.directory(List.of(taken));
			assertThat(used.startsWith(tmp)).as("a new private one, not %s", taken).isFalse();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(used))).isEqualTo("rwx------");
			Files.delete(used);
		}
		Path home = tmp.resolve("home/.cache/session-tracker-pg");
		assertThat(EmbeddedPostgresBinaries.directory(List.of(open, home))).as("the next candidate, made private")
			.isEqualTo(home);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
		Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx-w--w-")); // what zonky makes of it
		assertThat(EmbeddedPostgresBinaries.directory(List.of(open, home))).as("still its own, reused").isEqualTo(home);
	}

	private ConfigurableApplicationContext start() {
		return start(0);
	}

	private ConfigurableApplicationContext start(int port, String... more) {
		return new SpringApplicationBuilder(SessionTrackerApplication.class)
			.properties("server.port=" + port, "server.address=127.0.0.1",
					"tracker.embedded-db.data-dir=" + this.dataDir, "spring.datasource.url=",
					"tracker.scheduling.enabled=false", "tracker.security.read-key=k",
					"management.endpoints.web.exposure.include=health")
			.properties(more)
			.run();
	}

	/** What the failure analyzers Spring Boot reports a failed start with make of {@code failure}. */
	private static List<FailureAnalysis> analyses(Throwable failure) {
		return SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, ANALYZER_ARGUMENTS)
			.stream()
			.map(analyzer -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.toList();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
