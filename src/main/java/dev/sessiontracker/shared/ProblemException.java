package dev.sessiontracker.shared;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A client-facing failure with a stable problem type. Modules extend it; {@link ProblemHandler} renders it as
 * RFC 9457 problem+json.
 */
public abstract class ProblemException extends RuntimeException {

	private final HttpStatus status;

	private final String type;

	private final String title;

	protected ProblemException(HttpStatus status, String type, String title, String detail) {
		super(detail);
		this.status = status;
		this.type = type;
		this.title = title;
	}

	/** Headers of the answer, for example Retry-After. */
	protected HttpHeaders headers() {
		return HttpHeaders.EMPTY;
	}

	/** The headers of an answer that says when to try again. */
	protected static HttpHeaders retryAfter(long seconds) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return headers;
	}

	/** Extra members of the problem document, for example the offending field. */
	protected Map<String, Object> properties() {
		return Map.of();
	}

	ProblemDetail toProblemDetail() {
		ProblemDetail problem = Problems.of(this.status, this.type, this.title, getMessage());
		properties().forEach(problem::setProperty);
		return problem;
	}

	public HttpStatus getStatus() {
		return this.status;
	}

}
