package dev.sessiontracker.event.web;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.sessiontracker.event.AbandonedWorkflow;
import dev.sessiontracker.event.EventService;
import dev.sessiontracker.event.NewEvent;
import dev.sessiontracker.session.ExitReason;
import dev.sessiontracker.shared.InvalidFieldException;

@RestController
@RequestMapping("/api/v1/sessions/{id}")
@Tag(name = "Events", description = "Events inside a session: idempotent, batched ingestion and reading them back")
class EventController {

	private final EventService events;

	EventController(EventService events) {
		this.events = events;
	}

	@PostMapping("/event")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Track one event",
			description = "Stores the event unless the session already has its id. Every stored event counts in "
					+ "actions and moves lastSeen.")
	IngestResponse event(@PathVariable UUID id, @Valid @RequestBody EventRequest event) {
		return IngestResponse.from(this.events.ingest(id, List.of(event.toNewEvent()), ""));
	}

	@PostMapping("/events")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Track a batch of 1 to 100 events",
			description = "All or nothing: an invalid event rejects the whole batch and nothing is stored. Events "
					+ "whose id the session already has are counted in duplicates, so retrying a batch is safe.")
	IngestResponse events(@PathVariable UUID id, @Valid @RequestBody EventBatchRequest batch,
			@Parameter(description = "Also ends the session with this reason once the batch is stored, in the same "
					+ "transaction: for a page that is going away, whose separate end request could overtake its last "
					+ "batch. A refused batch leaves the session open.", example = "navigation",
					schema = @Schema(allowableValues = { "logout", "timeout", "error", "navigation" })) @RequestParam(
							required = false) String end) {
		List<NewEvent> events = batch.events().stream().map(EventRequest::toNewEvent).toList();
		if (end == null) {
			return IngestResponse.from(this.events.ingest(id, events, "events"));
		}
		ExitReason reason = ExitReason.of(end)
			.orElseThrow(() -> new InvalidFieldException("end", "must be one of " + Arrays.stream(ExitReason.values())
				.map(ExitReason::value)
				.collect(Collectors.joining(", "))));
		return IngestResponse.from(this.events.ingestThenEnd(id, events, reason));
	}

	@GetMapping("/events")
	@Operation(summary = "A session's events, oldest first")
	List<EventResponse> list(@PathVariable UUID id) {
		return this.events.eventsOf(id).stream().map(EventResponse::from).toList();
	}

	@GetMapping("/abandoned-workflows")
	@Operation(summary = "Workflows abandoned in a session",
			description = "Workflows started and not completed when the session ended; empty while it is open.")
	List<AbandonedWorkflow> abandonedWorkflows(@PathVariable UUID id) {
		return this.events.abandonedWorkflowsOf(id);
	}

}
