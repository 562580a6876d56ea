package dev.sessiontracker.shared;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import dev.sessiontracker.SessionTrackerApplication;
import dev.sessiontracker.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A start that cannot connect to its external database says why in a few lines, naming the URL without its password:
 * the exceptions are the driver's own, from connecting to the tests' PostgreSQL (or to no server at all).
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseConnectionFailureAnalyzerTests {

	// as an operator might write it: the URL the analysis names, whatever the failed connection's own URL was
	private static final String CONFIGURED_URL = "jdbc:postgresql://tracker:url-secret@db.example.com:5432/sessions"
			+ "?sslmode=require&password=url-secret&sslpassword=url-secret";

	private final TestDatabase db = TestDatabase.get();

	private final DatabaseConnectionFailureAnalyzer analyzer = new DatabaseConnectionFailureAnalyzer(
			new MockEnvironment().withProperty("spring.datasource.url", CONFIGURED_URL));

	@Test
	void aWrongPasswordIsExplainedAsCredentials() {
		// the tests' PostgreSQL trusts every connection, so this is the server's message with its SQLSTATE
		FailureAnalysis analysis = this.analyzer.analyze(wrapped(new PSQLException(
				"FATAL: password authentication failed for user \"tracker\"", PSQLState.INVALID_PASSWORD)));

		assertThat(analysis.getDescription()).contains("refused the user or password",
				"password authentication failed for user \"tracker\"");
		assertThat(analysis.getAction()).contains("SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD");
		assertNamesTheUrlWithoutItsPassword(analysis);
	}

	@Test
	void anUnknownRoleIsExplainedAsCredentials() {
		SQLException failure = connect(this.db.jdbcUrl().replaceAll("user=[^&]*&?", ""), "no_such_role", "x");

		FailureAnalysis analysis = this.analyzer.analyze(wrapped(failure));

		assertThat(failure.getSQLState()).isEqualTo("28000");
		assertThat(analysis.getDescription()).contains("refused the user or password",
				"role \"no_such_role\" does not exist");
		assertThat(analysis.getAction()).contains("SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD");
	}

	@Test
	void aMissingDatabaseIsExplainedWithHowToCreateIt() {
		SQLException failure = connect(missingDatabase(), this.db.username(), this.db.password());

		FailureAnalysis analysis = this.analyzer.analyze(wrapped(failure));

		assertThat(failure.getSQLState()).isEqualTo("3D000");
		assertThat(analysis.getDescription()).contains("database does not exist",
				"database \"no_such_database\" does not exist");
		assertThat(analysis.getAction()).contains("Create the database");
		assertNamesTheUrlWithoutItsPassword(analysis);
	}

	@Test
	void aPortWithNothingListeningIsExplainedWithStartingPostgresql() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		SQLException failure = connect("jdbc:postgresql://127.0.0.1:" + port + "/sessions", "tracker", "x");

		FailureAnalysis analysis = this.analyzer.analyze(wrapped(failure));

		assertThat(analysis.getDescription()).contains("no PostgreSQL answered",
				"Connection to 127.0.0.1:" + port + " refused");
		assertThat(analysis.getAction()).contains("Start PostgreSQL", "host and port in SPRING_DATASOURCE_URL");
		assertNamesTheUrlWithoutItsPassword(analysis);
	}

	@Test
	void anUnknownHostIsExplainedAsUnreachable() {
		// .invalid is reserved (RFC 6761): no resolver knows a host below it
		SQLException failure = connect("jdbc:postgresql://no-such-host.invalid:5432/sessions", "tracker", "x");

		FailureAnalysis analysis = this.analyzer.analyze(wrapped(failure));

		assertThat(analysis.getDescription()).contains("no PostgreSQL answered", "unknown host no-such-host.invalid");
		assertThat(analysis.getAction()).contains("correct the host and port");
	}

	@Test
	void otherFailuresAndTheEmbeddedDatabaseAreLeftToOtherAnalyzers() {
		SQLException missing = connect(missingDatabase(), this.db.username(), this.db.password());

		assertThat(this.analyzer.analyze(new IllegalStateException("something else"))).isNull();
		assertThat(new DatabaseConnectionFailureAnalyzer(new MockEnvironment()).analyze(wrapped(missing))).isNull();
	}

	@Test
	void theUrlLosesItsUserInfoAndPasswordParametersOnly() {
		assertThat(DatabaseConnectionFailureAnalyzer.withoutSecrets(CONFIGURED_URL))
			.isEqualTo("jdbc:postgresql://db.example.com:5432/sessions?sslmode=require");
		assertThat(DatabaseConnectionFailureAnalyzer
			.withoutSecrets("jdbc:postgresql://h1:5432,h2:5432/db?Password=p&user=tracker"))
			.isEqualTo("jdbc:postgresql://h1:5432,h2:5432/db?user=tracker");
		assertThat(DatabaseConnectionFailureAnalyzer.withoutSecrets("jdbc:postgresql://localhost/db?password=p"))
			.isEqualTo("jdbc:postgresql://localhost/db");
	}

	@Test
	void aStartOnAMissingDatabaseEndsWithTheAnalysis(CapturedOutput output) {
		String url = missingDatabase();

		assertThatThrownBy(() -> new SpringApplicationBuilder(SessionTrackerApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + url, "spring.datasource.username=" + this.db.username(),
					"spring.datasource.password=" + this.db.password(), "tracker.scheduling.enabled=false")
			.run()).hasRootCauseInstanceOf(PSQLException.class);

		assertThat(output.getOut()).contains("APPLICATION FAILED TO START",
				"could not connect to its database at " + url, "Create the database");
	}

	private String missingDatabase() {
		return this.db.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/no_such_database$1");
	}

	private static SQLException connect(String url, String user, String password) {
		try {
			DriverManager.getConnection(url, user, password).close();
		}
		catch (SQLException ex) {
			return ex;
		}
		throw new AssertionError("connected to " + url);
	}

	/** As a start fails: the driver's exception some causes down. */
	private static Throwable wrapped(Throwable failure) {
		return new IllegalStateException("Error creating bean with name 'flywayInitializer'",
				new RuntimeException("Unable to obtain connection from database", failure));
	}

	private static void assertNamesTheUrlWithoutItsPassword(FailureAnalysis analysis) {
		assertThat(analysis.getDescription()).contains("jdbc:postgresql://db.example.com:5432/sessions?sslmode=require")
			.doesNotContain("url-secret");
	}

}
