package dev.sessiontracker.session;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.sessiontracker.shared.ProblemException;

/** No session has the given id. */
public class SessionNotFoundException extends ProblemException {

	public SessionNotFoundException(UUID id) {
		this("No session with id '" + id + "'.");
	}

	private SessionNotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, "session-not-found", "Session not found", detail);
	}

	public static SessionNotFoundException noCurrentSession(String userId) {
		return new SessionNotFoundException("User '" + userId + "' has no active session.");
	}

}
