package dev.sessiontracker.shared;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import dev.sessiontracker.shared.EmbeddedDatabaseConfiguration.PortInUseException;
import dev.sessiontracker.shared.EmbeddedDatabaseConfiguration.UnusableDataDirectoryException;

/**
 * Explains a start without a database on a platform whose embedded PostgreSQL the jar does not carry: a build holds
 * the binaries of the platform it ran on (see the profiles in pom.xml), so a jar copied elsewhere may have none; and
 * one on a data directory that another running instance's embedded PostgreSQL uses, that another major version of
 * PostgreSQL wrote, or that holds other files; and one whose embedded PostgreSQL's port another process listens on.
 */
class EmbeddedPostgresFailureAnalyzer implements FailureAnalyzer {

	// zonky's DefaultPostgresBinaryResolver, when no binaries match the system and architecture, and when it knows
	// of no binaries for the architecture at all
	static final String MISSING_BINARIES = "Missing embedded postgres binaries";

	static final String UNSUPPORTED_ARCHITECTURE = "Unsupported architecture";

	// how to give the service a PostgreSQL of its own, which each action offers
	private static final String EXTERNAL_DATABASE = "SPRING_DATASOURCE_URL=jdbc:postgresql://host:5432/db with "
			+ "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD";

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof PortInUseException taken) {
				return portInUse(taken);
			}
			if (cause instanceof UnusableDataDirectoryException unusable) {
				return switch (unusable.reason()) {
					case IN_USE -> inUse(unusable);
					case OTHER_VERSION -> otherVersion(unusable);
					case NOT_EMPTY -> notEmpty(unusable);
				};
			}
			if (cause instanceof IllegalStateException && cause.getMessage() != null
					&& (cause.getMessage().equals(MISSING_BINARIES)
							|| cause.getMessage().startsWith(UNSUPPORTED_ARCHITECTURE))) {
				return analysis(cause);
			}
		}
		return null;
	}

	private static FailureAnalysis inUse(UnusableDataDirectoryException cause) {
		return new FailureAnalysis("No database is configured, and the embedded PostgreSQL's data directory "
				+ cause.dataDir() + " is in use by another running instance of the session tracker (its PostgreSQL "
				+ "keeps the directory locked). That instance was left alone.",
				"Stop the other instance first, or give this one a data directory of its own: "
						+ "TRACKER_EMBEDDED_DB_DATA_DIR=/path (with SERVER_PORT and TRACKER_EMBEDDED_DB_PORT of its "
						+ "own); or let several instances share one PostgreSQL: " + EXTERNAL_DATABASE + ".",
				cause);
	}

	private static FailureAnalysis portInUse(PortInUseException cause) {
		return new FailureAnalysis("No database is configured, and the embedded PostgreSQL's port " + cause.port()
				+ " (TRACKER_EMBEDDED_DB_PORT) is in use by another process, whose database the service would have "
				+ "used instead of its own. Nothing was started.",
				"Stop what listens on port " + cause.port() + ", or give the embedded PostgreSQL another port: "
						+ "TRACKER_EMBEDDED_DB_PORT=<port>, or 0 for a free one; or give the service that PostgreSQL "
						+ "on purpose: " + EXTERNAL_DATABASE + ".",
				cause);
	}

	private static FailureAnalysis otherVersion(UnusableDataDirectoryException cause) {
		return new FailureAnalysis("No database is configured, and the embedded PostgreSQL's data directory "
				+ cause.dataDir() + " holds the files of PostgreSQL " + cause.version() + ", which this build's "
				+ "PostgreSQL " + EmbeddedDatabaseConfiguration.POSTGRES_MAJOR + " cannot read: PostgreSQL reads only "
				+ "the files of its own major version. The directory was left as it is.",
				"Run a PostgreSQL " + cause.version() + " on the directory (or copy its data into a newer one with "
						+ "pg_dump and pg_restore) and give it to the service: " + EXTERNAL_DATABASE + "; or start this "
						+ "build on a new directory: TRACKER_EMBEDDED_DB_DATA_DIR=/path.",
				cause);
	}

	private static FailureAnalysis notEmpty(UnusableDataDirectoryException cause) {
		return new FailureAnalysis("No database is configured, and the embedded PostgreSQL's data directory "
				+ cause.dataDir() + " holds other files and no PostgreSQL data (no PG_VERSION): PostgreSQL creates its "
				+ "files only in an empty directory. The directory was left as it is.",
				"Give it a new or empty directory: TRACKER_EMBEDDED_DB_DATA_DIR=/path (on a mounted volume, a directory "
						+ "below its root, which holds lost+found).",
				cause);
	}

	private static FailureAnalysis analysis(Throwable cause) {
		String platform = System.getProperty("os.name") + " " + System.getProperty("os.arch");
		return new FailureAnalysis("No database is configured, and this build of the session tracker carries no "
				+ "embedded PostgreSQL for this platform (" + platform + "): a jar holds the binaries of the platform "
				+ "that built it.",
				"Build and start it on this machine (./mvnw spring-boot:run), build a jar for every platform "
						+ "(./mvnw clean package -Dembedded-postgres.all-platforms), or give it a PostgreSQL: "
						+ EXTERNAL_DATABASE + ".",
				cause);
	}

}
