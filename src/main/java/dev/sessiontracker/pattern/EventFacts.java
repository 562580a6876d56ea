package dev.sessiontracker.pattern;

import java.time.Instant;

/**
 * One event of a session, as the session pattern classifier needs it.
 *
 * @param action the event's action ({@code page_view}, {@code error}, {@code workflow_start}, ...)
 * @param timestamp when it happened
 * @param page {@code data.page} of a {@code page_view} event, else {@code null}
 * @param workflowId {@code data.workflowId} of a {@code workflow_start} / {@code workflow_complete} event, else
 * {@code null}
 */
public record EventFacts(String action, Instant timestamp, String page, String workflowId) {
}
