package dev.sessiontracker.session;

import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.sessiontracker.shared.ProblemException;

/** An action that needs an open session reached one that has ended; the client should start a new session. */
public class SessionEndedException extends ProblemException {

	private final Map<String, Object> properties;

	SessionEndedException(Session session) {
		super(HttpStatus.CONFLICT, "session-ended", "Session ended",
				"Session '" + session.getId() + "' ended at " + session.getEndTime().orElseThrow() + " ("
						+ session.getExitReason().map(ExitReason::value).orElse("unknown") + "); start a new session.");
		this.properties = Map.of("sessionId", session.getId(), "endTime", session.getEndTime().orElseThrow());
	}

	@Override
	protected Map<String, Object> properties() {
		return this.properties;
	}

}
