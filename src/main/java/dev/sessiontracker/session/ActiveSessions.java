package dev.sessiontracker.session;

import java.util.List;

/** All active sessions counted, and the newest of them. */
public record ActiveSessions(long count, List<Session> newest) {
}
