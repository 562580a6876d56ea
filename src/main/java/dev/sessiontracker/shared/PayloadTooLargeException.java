package dev.sessiontracker.shared;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Thrown while reading a body that grows past the limit; an IOException so message converters pass it on. */
class PayloadTooLargeException extends IOException {

	private final long maxBytes;

	PayloadTooLargeException(long maxBytes) {
		super("Request body larger than " + maxBytes + " bytes");
		this.maxBytes = maxBytes;
	}

	ProblemDetail toProblemDetail() {
		return problem(this.maxBytes);
	}

	static ProblemDetail problem(long maxBytes) {
		ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
				"The request body is larger than the limit of " + maxBytes + " bytes.");
		problem.setProperty("maxBytes", maxBytes);
		return problem;
	}

}
