package dev.sessiontracker.event;

import java.time.Instant;
import java.util.UUID;

/** An event as stored; {@code dataJson} is the raw JSON object, or null. */
public record StoredEvent(UUID id, String action, Instant timestamp, String dataJson) {
}
