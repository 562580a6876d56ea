/** Events inside a session: batched, idempotent ingestion, their counters and workflows. */
package dev.sessiontracker.event;
