/** The session lifecycle: start, heartbeat, end, idle expiry and the read side of sessions. */
package dev.sessiontracker.session;
