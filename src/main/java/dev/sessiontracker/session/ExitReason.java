package dev.sessiontracker.session;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a session ended. */
public enum ExitReason {

	LOGOUT("logout"),
	TIMEOUT("timeout"),
	ERROR("error"),
	NAVIGATION("navigation");

	private final String value;

	ExitReason(String value) {
		this.value = value;
	}

	/** The lower-case name used on the wire and in the database. */
	@JsonValue
	public String value() {
		return this.value;
	}

	public static Optional<ExitReason> of(String value) {
		return Arrays.stream(values()).filter(v -> v.value.equals(value)).findFirst();
	}

}
