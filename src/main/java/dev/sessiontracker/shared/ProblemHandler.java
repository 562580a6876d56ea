package dev.sessiontracker.shared;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.sessiontracker.shared.InvalidFieldException.FieldError;

/**
 * Every error leaves as RFC 9457 problem+json with a stable {@code type}; client mistakes name the offending
 * field and never show a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> handleProblem(ProblemException ex) {
		return ResponseEntity.status(ex.getStatus()).headers(ex.headers()).body(ex.toProblemDetail());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
		String name = ex.getName();
		if ("id".equals(name)) {
			// A path id that is not a UUID cannot name any session.
			ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "session-not-found", "Session not found",
					"No session with id '" + ex.getValue() + "'.");
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
		}
		return badRequest("invalid-parameter", "Invalid parameter",
				List.of(new FieldError(name, "invalid value '" + ex.getValue() + "'")));
	}

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class, CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> handleDatabaseUnavailable(Exception ex) {
		if (programLimitExceeded(ex)) {
			// Spring counts SQLSTATE class 54 as a resource failure, but retrying cannot help: the request asked more
			// than PostgreSQL can do at all (a value over 1 GB, say), not more than it could do just now.
			log.error("Database limit exceeded", ex);
			ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "database-limit-exceeded",
					"Database limit exceeded",
					"The request exceeds a limit of the database; retrying it will not help.");
			return ResponseEntity.internalServerError().body(problem);
		}
		log.warn("Database unavailable: {}", ex.getMessage());
		ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
				"Service unavailable", "The database is unavailable; retry later.");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> handleDataIntegrity(DataIntegrityViolationException ex) {
		// SQLSTATE class 22 is a value PostgreSQL cannot hold (a NUL character, say): the client's mistake.
		Optional<SQLException> sql = cause(ex, SQLException.class);
		if (sql.isPresent() && sql.get().getSQLState() != null && sql.get().getSQLState().startsWith("22")) {
			String reason = String.valueOf(sql.get().getMessage()).lines().findFirst().orElse("invalid value");
			return badRequest("invalid-field", "Invalid field", List.of(new FieldError("body", reason)));
		}
		return handleUnexpected(ex);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
		if (databaseUnavailable(ex)) {
			return handleDatabaseUnavailable(ex);
		}
		log.error("Unexpected error", ex);
		ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"An unexpected error occurred.");
		return ResponseEntity.internalServerError().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(e -> new FieldError(e.getField(), e.isBindingFailure()
					? "invalid value '" + e.getRejectedValue() + "'" : e.getDefaultMessage()))
			.sorted(java.util.Comparator.comparing(FieldError::field))
			.toList();
		// a body's fields, or query parameters bound as one object (a range's from and to)
		return ex.getParameter().hasParameterAnnotation(RequestBody.class)
				? asObject(badRequest("invalid-field", "Invalid field", errors))
				: asObject(badRequest("invalid-parameter", "Invalid parameter", errors));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		ex.getParameterValidationResults()
			.forEach(result -> result.getResolvableErrors()
				.forEach(error -> errors.add(new FieldError(result.getMethodParameter().getParameterName(),
						messageOf(error)))));
		return asObject(badRequest("invalid-parameter", "Invalid parameter", errors));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return asObject(badRequest("missing-parameter", "Missing parameter",
				List.of(new FieldError(ex.getParameterName(), "is required"))));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Optional<JacksonException> json = cause(ex, JacksonException.class);
		if (json.isEmpty()) {
			return asObject(badRequest("missing-body", "Missing body",
					List.of(new FieldError("body", "a JSON request body is required"))));
		}
		if (json.get() instanceof StreamReadException syntax) {
			var location = syntax.getLocation();
			String where = location != null ? " at line " + location.getLineNr() + ", column " + location.getColumnNr()
					: "";
			ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
					"The body is not valid JSON" + where + ".");
			problem.setProperty("field", "body");
			problem.setProperty("errors", List.of(new FieldError("body", "not valid JSON" + where)));
			return asObject(ResponseEntity.badRequest().body(problem));
		}
		String field = jsonPath(json.get());
		String message = json.get() instanceof JsonConfiguration.RefusedValueException refused
				? refused.getOriginalMessage() : "has the wrong type or value";
		return asObject(badRequest("invalid-field", "Invalid field",
				List.of(new FieldError(field.isEmpty() ? "body" : field, message))));
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		// Spring says "No static resource ...": a path no endpoint serves falls through to the static resources last.
		ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not Found",
				"Nothing is served at " + ex.getHttpMethod() + " /" + ex.getResourcePath() + ".");
		return asObject(ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem));
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		// Spring's own MVC exceptions (404, 405, 406, 415...) get a problem type instead of about:blank.
		if (body instanceof ProblemDetail problem && (problem.getType() == null
				|| "about:blank".equals(problem.getType().toString()))) {
			HttpStatus status = HttpStatus.resolve(statusCode.value());
			String slug = status != null ? Problems.slug(status) : "error";
			problem.setType(Problems.type(slug));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	/**
	 * A lost connection can surface wrapped in anything (a JPA rollback failure, say); its SQLSTATE tells: class 08
	 * is a connection exception, 57P01 to 57P03 mean the server is shutting down or starting. HikariCP's proxy of a
	 * connection it already marked broken says only "Connection is closed", without a state: when the rollback
	 * after a lost connection fails with it, that is all that is left of the original error.
	 */
	private static boolean databaseUnavailable(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && (connectionState(sql.getSQLState())
					|| (sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage())))) {
				return true;
			}
		}
		return false;
	}

	/** SQLSTATE class 54, "program limit exceeded": a statement too complex or a value too large, whenever it runs. */
	private static boolean programLimitExceeded(Throwable ex) {
		return cause(ex, SQLException.class).map(SQLException::getSQLState)
			.filter(state -> state.startsWith("54"))
			.isPresent();
	}

	private static boolean connectionState(String state) {
		return state != null && (state.startsWith("08") || state.startsWith("57P"));
	}

	private static ResponseEntity<ProblemDetail> badRequest(String type, String title, List<FieldError> errors) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, type, title, InvalidFieldException.detail(errors));
		if (!errors.isEmpty()) {
			problem.setProperty("field", errors.get(0).field());
		}
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	/** Jackson's path to the failing value, as the client wrote it: {@code events[3].timestamp}. */
	static String jsonPath(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference ref : ex.getPath()) {
			if (ref.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				path.append('[').append(ref.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String messageOf(MessageSourceResolvable error) {
		return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
	}

	private static <T extends Throwable> Optional<T> cause(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return Optional.of(type.cast(t));
			}
		}
		return Optional.empty();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> entity) {
		return (ResponseEntity) entity;
	}

}
