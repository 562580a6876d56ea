package dev.sessiontracker.pattern;

/**
 * One of a user's sessions, as the user pattern classifier needs it.
 *
 * @param durationSeconds the session's duration; ignored (counted as 0) while the session is open
 * @param actions events recorded in the session
 * @param errors error events recorded in the session
 * @param ended whether the session has ended
 */
public record SessionSummary(long durationSeconds, int actions, int errors, boolean ended) {
}
