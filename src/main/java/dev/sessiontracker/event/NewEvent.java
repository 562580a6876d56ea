package dev.sessiontracker.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An event as a client sent it. {@code id} and {@code timestamp} may be null: the server then makes a UUIDv7 and
 * uses its receive time.
 */
public record NewEvent(UUID id, String action, Instant timestamp, Map<String, Object> data) {
}
