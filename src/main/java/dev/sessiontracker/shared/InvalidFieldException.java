package dev.sessiontracker.shared;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

/**
 * Request fields that are well-formed JSON but not acceptable, each named by its JSON path (`events[2].data`). The
 * problem lists them all in {@code errors}, in the order the client wrote them, and names the first in
 * {@code field}.
 */
public class InvalidFieldException extends ProblemException {

	private final List<FieldError> errors;

	public InvalidFieldException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	/** @param errors at least one */
	public InvalidFieldException(List<FieldError> errors) {
		this("invalid-field", "Invalid field", errors);
	}

	private InvalidFieldException(String type, String title, List<FieldError> errors) {
		super(HttpStatus.BAD_REQUEST, type, title, detail(errors));
		this.errors = List.copyOf(errors);
	}

	/**
	 * A query or path parameter that is not acceptable, of the problem type {@code invalid-parameter}, as the
	 * parameters Spring cannot bind are answered: a range's {@code from} after its {@code to} is the same mistake as a
	 * {@code from} that is no day.
	 */
	public static InvalidFieldException parameter(String name, String message) {
		return new InvalidFieldException("invalid-parameter", "Invalid parameter",
				List.of(new FieldError(name, message)));
	}

	/** The detail of a problem that lists field errors: {@code field: message} for each, joined by "; ". */
	static String detail(List<FieldError> errors) {
		return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
	}

	public String getField() {
		return this.errors.get(0).field();
	}

	public List<FieldError> getErrors() {
		return this.errors;
	}

	@Override
	protected Map<String, Object> properties() {
		return Map.of("field", getField(), "errors", this.errors);
	}

	/** One rejected field of a request. */
	public record FieldError(String field, String message) {
	}

}
