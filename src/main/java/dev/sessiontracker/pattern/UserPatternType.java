package dev.sessiontracker.pattern;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** A user's typical session behaviour, by the seed's rules. */
public enum UserPatternType {

	NEW_USER, POWER_USER, QUICK_CHECKER, STRUGGLING_USER, REGULAR_USER;

	/** The lower-case name used on the wire ({@code power_user}). */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
