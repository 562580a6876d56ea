package dev.sessiontracker.shared;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Explains a start that could not connect to the external database ({@code SPRING_DATASOURCE_URL}): credentials the
 * server refused, a database that does not exist on it, or no server at the URL's host and port. Otherwise the only
 * explanation is a stack trace of a hundred lines with the server's message among its causes. The URL is named
 * without its user info and password parameters.
 */
class DatabaseConnectionFailureAnalyzer implements FailureAnalyzer {

	static final String URL_PROPERTY = "spring.datasource.url";

	// SQLSTATEs: invalid_password, invalid_authorization_specification (an unknown role, no pg_hba.conf entry),
	// pgjdbc's "connection rejected" (the server asked for a password and none was given)
	private static final Set<String> CREDENTIALS = Set.of("28P01", "28000", "08004");

	private static final String MISSING_DATABASE = "3D000";

	private final Environment environment;

	DatabaseConnectionFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		String url = this.environment.getProperty(URL_PROPERTY);
		if (!StringUtils.hasText(url)) {
			return null; // the embedded database, which EmbeddedPostgresFailureAnalyzer explains
		}
		String where = "The session tracker could not connect to its database at " + withoutSecrets(url);
		SQLException driver = null; // the innermost so far: pgjdbc's PSQLException, with the server's SQLSTATE
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && CREDENTIALS.contains(sql.getSQLState())) {
				return new FailureAnalysis(where + ": the server refused the user or password (" + sql.getMessage()
						+ ").", "Check SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD against the "
								+ "server's roles, and that its pg_hba.conf lets that user connect to that database "
								+ "from this host.",
						sql);
			}
			if (cause instanceof SQLException sql && MISSING_DATABASE.equals(sql.getSQLState())) {
				return new FailureAnalysis(where + ": the database does not exist on that server (" + sql.getMessage()
						+ ").", "Create the database (CREATE DATABASE, or createdb), or name an existing one in "
								+ "SPRING_DATASOURCE_URL. The service creates its tables at start-up, but not the "
								+ "database.",
						sql);
			}
			if (cause instanceof SQLException sql) {
				driver = sql;
			}
			if (cause instanceof UnknownHostException || cause instanceof ConnectException
					|| cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
				return new FailureAnalysis(where + ": no PostgreSQL answered there (" + reason(cause, driver) + ").",
						"Start PostgreSQL, or correct the host and port in SPRING_DATASOURCE_URL. The service does "
								+ "not wait for its database at start-up: it stops, and whatever supervises it "
								+ "(systemd's Restart=, compose's restart:) can start it again.",
						cause);
			}
		}
		return null;
	}

	private static String reason(Throwable unreachable, SQLException driver) {
		if (unreachable instanceof UnknownHostException) {
			return "unknown host " + unreachable.getMessage();
		}
		// pgjdbc's message names the host and port: "Connection to localhost:5432 refused. Check that ..."
		if (unreachable instanceof ConnectException && driver != null) {
			return driver.getMessage();
		}
		return unreachable.toString();
	}

	/** The URL without user info ({@code //user:password@host}) and without parameters named {@code ...password}. */
	static String withoutSecrets(String url) {
		int query = url.indexOf('?');
		String base = ((query < 0) ? url : url.substring(0, query)).replaceFirst("//[^/]*@", "//");
		if (query < 0) {
			return base;
		}
		String parameters = Arrays.stream(url.substring(query + 1).split("&"))
			.filter(parameter -> !parameter.toLowerCase(Locale.ROOT).matches("[^=]*password(=.*)?"))
			.collect(Collectors.joining("&"));
		return parameters.isEmpty() ? base : base + "?" + parameters;
	}

}
