package dev.sessiontracker.event;

import java.time.Instant;

/** A workflow whose latest start in a session had no completion before the session ended, and that start. */
public record AbandonedWorkflow(String workflowId, Instant startedAt) {
}
