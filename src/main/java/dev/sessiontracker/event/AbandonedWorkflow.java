package dev.sessiontracker.event;

import java.time.Instant;

/** A workflow started in a session that ended before it completed. */
public record AbandonedWorkflow(String workflowId, Instant startedAt) {
}
