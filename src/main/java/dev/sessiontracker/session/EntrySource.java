package dev.sessiontracker.session;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a session came from: no referrer, the same site (or an internal host), or elsewhere. */
public enum EntrySource {

	DIRECT("direct"),
	INTERNAL("internal"),
	EXTERNAL("external");

	private final String value;

	EntrySource(String value) {
		this.value = value;
	}

	/** The lower-case name used on the wire and in the database. */
	@JsonValue
	public String value() {
		return this.value;
	}

	public static Optional<EntrySource> of(String value) {
		return Arrays.stream(values()).filter(v -> v.value.equals(value)).findFirst();
	}

}
