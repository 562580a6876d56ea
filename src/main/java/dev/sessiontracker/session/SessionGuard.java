package dev.sessiontracker.session;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The slow path of every write: explains why a session could not be touched, closing it if it timed out. */
@Component
class SessionGuard {

	private final SessionRepository sessions;

	SessionGuard(SessionRepository sessions) {
		this.sessions = sessions;
	}

	// The timeout close must commit even though the caller is answered with SessionEndedException.
	@Transactional(noRollbackFor = SessionEndedException.class)
	public void requireOpen(UUID id, Instant now, Instant idleCutoff) {
		Session session = this.sessions.findForUpdate(id).orElseThrow(() -> new SessionNotFoundException(id));
		if (session.isExpired(idleCutoff)) {
			session.end(now, idleCutoff, ExitReason.TIMEOUT, null, null);
		}
		if (session.isEnded()) {
			throw new SessionEndedException(session);
		}
	}

	/** Ends the session (or, if it timed out, closes it at its last activity); an ended one stays as it is. */
	@Transactional
	public Session end(UUID id, Instant now, Instant idleCutoff, ExitReason reason, String page, String lastAction) {
		Session session = this.sessions.findForUpdate(id).orElseThrow(() -> new SessionNotFoundException(id));
		session.end(now, idleCutoff, reason, page, lastAction);
		return session;
	}

}
