package dev.sessiontracker.session;

import java.time.Instant;
import java.util.UUID;

/** The outcome of a heartbeat: the session is alive until at least {@code lastSeen} plus the idle timeout. */
public record Heartbeat(UUID id, boolean active, Instant lastSeen) {
}
