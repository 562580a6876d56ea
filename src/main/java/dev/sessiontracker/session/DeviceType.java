package dev.sessiontracker.session;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of device a session ran on. */
public enum DeviceType {

	DESKTOP("desktop"),
	MOBILE("mobile"),
	TABLET("tablet");

	private final String value;

	DeviceType(String value) {
		this.value = value;
	}

	/** The lower-case name used on the wire and in the database. */
	@JsonValue
	public String value() {
		return this.value;
	}

	public static Optional<DeviceType> of(String value) {
		return Arrays.stream(values()).filter(v -> v.value.equals(value)).findFirst();
	}

}
