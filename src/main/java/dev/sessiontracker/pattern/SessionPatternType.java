package dev.sessiontracker.pattern;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of visit a single session was, as in the seed's {@code SessionPattern}. */
public enum SessionPatternType {

	POWER_USER, EXPLORER, TASK_FOCUSED, CONFUSED;

	/** The lower-case name used on the wire ({@code task_focused}). */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
