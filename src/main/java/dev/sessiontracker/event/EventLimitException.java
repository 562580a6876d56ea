package dev.sessiontracker.event;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.sessiontracker.shared.ProblemException;

/** A session holds at most tracker.limits.max-events-per-session events; a runaway client starts a new one. */
class EventLimitException extends ProblemException {

	private final int limit;

	EventLimitException(UUID sessionId, int limit) {
		super(HttpStatus.CONFLICT, "event-limit-reached", "Event limit reached",
				"Session '" + sessionId + "' cannot take this batch: a session holds at most " + limit
						+ " events. Start a new session.");
		this.limit = limit;
	}

	@Override
	protected Map<String, Object> properties() {
		return Map.of("limit", this.limit);
	}

}
