package dev.sessiontracker.session;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.sessiontracker.shared.ProblemException;

/**
 * A user may hold at most tracker.limits.max-active-sessions-per-user open sessions; the oldest idle one frees a
 * place.
 */
class TooManySessionsException extends ProblemException {

	private final int limit;

	private final Duration retryAfter;

	TooManySessionsException(String userId, int limit, Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS, "too-many-sessions", "Too many active sessions",
				"User '" + userId + "' already has " + limit + " active sessions, the most allowed.");
		this.limit = limit;
		this.retryAfter = retryAfter;
	}

	@Override
	protected HttpHeaders headers() {
		return retryAfter(this.retryAfter.toSeconds());
	}

	@Override
	protected Map<String, Object> properties() {
		return Map.of("limit", this.limit);
	}

}
