package dev.sessiontracker.event.web;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.sessiontracker.event.EventService;
import dev.sessiontracker.event.NewEvent;

/**
 * An event as sent. Its fields are checked by {@link EventService}, not by Bean Validation: a batch refused by Bean
 * Validation would never reach the service's own checks, and its 400 could name only some of the refused events.
 */
@Schema(name = "Event", description = "One event. Actions with meaning: error (counts in errors), page_view with "
		+ "data.page (moves the current/exit page), workflow_start / workflow_complete with data.workflowId.")
record EventRequest(
		@Schema(description = "Client-made id; a second event with an id the session already has is a duplicate "
				+ "and is not stored again", example = "6f1c2a9e-8d7b-4c3e-a1f0-2b9d8e7c6a51") UUID id,
		@Schema(description = "1 to 50 characters", example = "page_view",
				requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 50) String action,
		// No example: a fixed instant would be refused a day after it was written; tools make a current one.
		@Schema(description = "Defaults to the server's receive time; at most 24 h from the server's clock")
		Instant timestamp,
		@Schema(description = "Any JSON object of at most 8 KiB",
				example = "{\"page\": \"/pricing\"}") Map<String, Object> data) {

	NewEvent toNewEvent() {
		return new NewEvent(this.id, this.action, this.timestamp, this.data);
	}

}
