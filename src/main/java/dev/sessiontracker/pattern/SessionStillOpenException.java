package dev.sessiontracker.pattern;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.sessiontracker.shared.ProblemException;

/** A session pattern describes a whole session, so it exists only once the session has ended. */
class SessionStillOpenException extends ProblemException {

	SessionStillOpenException(UUID id) {
		super(HttpStatus.CONFLICT, "session-open", "Session still open",
				"Session '" + id + "' is still open; its pattern is known once it has ended.");
	}

}
