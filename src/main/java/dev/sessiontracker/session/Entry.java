package dev.sessiontracker.session;

/** How a session began: its first page, where the visitor came from, and the marketing campaign if any. */
public record Entry(String page, EntrySource source, String referrer, String campaign) {
}
