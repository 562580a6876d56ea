package dev.sessiontracker.shared;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.sessiontracker.shared.UnknownSettings.Unknown;
import dev.sessiontracker.shared.UnknownSettings.UnknownSettingException;

/**
 * Names each setting the service does not have, where it was given, and the one probably meant.
 */
class UnknownSettingFailureAnalyzer extends AbstractFailureAnalyzer<UnknownSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownSettingException cause) {
		String list = cause.unknown()
			.stream()
			.map((unknown) -> "    " + unknown.name() + " (" + unknown.where() + ")"
					+ ((unknown.meant() != null) ? ": did you mean " + unknown.meant() + "?" : ""))
			.collect(Collectors.joining("\n"));
		return new FailureAnalysis("The service has no setting named\n" + list + "\nand would have ignored "
				+ ((cause.unknown().size() == 1) ? "it" : "them") + ".",
				"Correct or remove " + ((cause.unknown().size() == 1) ? "it" : "them")
						+ ". The README's Configuration table lists every setting.",
				cause);
	}

}
