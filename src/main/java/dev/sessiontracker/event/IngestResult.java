package dev.sessiontracker.event;

/** How many events of a request were stored, and how many the session already had (by event id). */
public record IngestResult(int accepted, int duplicates) {
}
