package dev.sessiontracker.shared;

import org.flywaydb.core.api.exception.FlywayValidateException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a refused start on a database that a newer version of the service has already migrated. */
class NewerSchemaFailureAnalyzer extends AbstractFailureAnalyzer<FlywayValidateException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, FlywayValidateException cause) {
		String message = String.valueOf(cause.getMessage());
		if (!message.contains("not resolved locally")) {
			return null;
		}
		String unknown = message.lines()
			.filter(line -> line.contains("not resolved locally"))
			.findFirst()
			.orElse(message)
			.trim();
		return new FailureAnalysis(
				"The database was migrated by a newer version of the session tracker than this one: it has schema "
						+ "migrations this version does not know (" + unknown + ").",
				"Run the newer version of the session tracker against this database, or point this version at a "
						+ "database (or a backup) from before the upgrade. Downgrading a schema is not supported.",
				cause);
	}

}
