package dev.sessiontracker.shared;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/** A request field that is well-formed JSON but not acceptable, named by its JSON path (`events[2].data`). */
public class InvalidFieldException extends ProblemException {

	private final String field;

	public InvalidFieldException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid field", field + ": " + message);
		this.field = field;
	}

	public String getField() {
		return this.field;
	}

	@Override
	protected Map<String, Object> properties() {
		return Map.of("field", this.field,
				"errors", List.of(new FieldError(this.field, getMessage().substring(this.field.length() + 2))));
	}

	/** One rejected field of a request. */
	public record FieldError(String field, String message) {
	}

}
