package dev.sessiontracker.event.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import dev.sessiontracker.shared.StreamedAnswer;

@RestController
@RequestMapping("/api/v1/sessions/{id}")
@Tag(name = "Events", description = "Events inside a session: idempotent, batched ingestion and reading them back")
class EventController {

	// No timestamp in the request examples: one written here would be refused a day later (more than 24 h from the
	// server's clock), and without one the event is stamped with its receive time.
	private static final String EVENT_EXAMPLE = """
			{"id": "6f1c2a9e-8d7b-4c3e-a1f0-2b9d8e7c6a51", "action": "page_view", "data": {"page": "/pricing"}}""";

	private static final String BATCH_EXAMPLE = """
			{"events": [
			  {"id": "6f1c2a9e-8d7b-4c3e-a1f0-2b9d8e7c6a51", "action": "page_view", "data": {"page": "/checkout"}},
			  {"id": "0c5e3b7d-2f4a-4e8b-9d1c-7a6f5e4d3c2b", "action": "workflow_start",
			   "data": {"workflowId": "checkout"}}]}""";

	private static final String TIMESTAMP = " An event may carry its own timestamp (within 24 h of the server's clock);"
			+ " without one it is stamped with the time the request was received.";

	private static final String SESSION_ENDED = """
			{"type": "/problems/session-ended", "title": "Session ended", "status": 409,
			 "detail": "Session '019ab6e2-4c1d-7a3e-9f00-5d2c8e1b7a10' ended at 2026-11-24T10:45:30Z (timeout); \
			start a new session.",
			 "sessionId": "019ab6e2-4c1d-7a3e-9f00-5d2c8e1b7a10", "endTime": "2026-11-24T10:45:30Z"}""";

	private static final String EVENT_LIMIT_REACHED = """
			{"type": "/problems/event-limit-reached", "title": "Event limit reached", "status": 409,
			 "detail": "Session '019ab6e2-4c1d-7a3e-9f00-5d2c8e1b7a10' cannot take this batch: a session holds at \
			most 10000 events. Start a new session.", "limit": 10000}""";

	private final EventService events;

	private final StreamedAnswer streamed;

	private final ObjectWriter eventWriter;

	EventController(EventService events, StreamedAnswer streamed, JsonMapper json) {
		this.events = events;
		this.streamed = streamed;
		this.eventWriter = json.writerFor(EventResponse.class);
	}

	@PostMapping("/event")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Track one event",
			description = "Stores the event unless the session already has its id. Every stored event counts in "
					+ "actions and moves lastSeen." + TIMESTAMP)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					examples = @ExampleObject(name = "page_view", value = EVENT_EXAMPLE)))
	@ApiResponse(responseCode = "202",
			description = "Stored, or counted as a duplicate (also after the session ended, if it had the event)")
	@ApiResponse(responseCode = "409",
			description = "The session has ended (or timed out): start a new one; or it holds "
					+ "tracker.limits.max-events-per-session events already",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					examples = { @ExampleObject(name = "session-ended", value = SESSION_ENDED),
							@ExampleObject(name = "event-limit-reached", value = EVENT_LIMIT_REACHED) }))
	IngestResponse event(@PathVariable UUID id, @Valid @RequestBody EventRequest event) {
		return IngestResponse.from(this.events.ingest(id, List.of(event.toNewEvent()), ""));
	}

	@PostMapping("/events")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Track a batch of 1 to 100 events",
			description = "All or nothing: an invalid event rejects the whole batch and nothing is stored. Events "
					+ "whose id the session already has are counted in duplicates, so retrying a batch is safe."
					+ TIMESTAMP)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					examples = @ExampleObject(name = "batch-of-two", value = BATCH_EXAMPLE)))
	@ApiResponse(responseCode = "202", description = "Stored; events the session already had counted as duplicates "
			+ "(also a retry of a batch the session took whole before it ended)")
	@ApiResponse(responseCode = "409",
			description = "The session has ended (or timed out): start a new one; or the batch would take it past "
					+ "tracker.limits.max-events-per-session events (nothing is stored)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					examples = { @ExampleObject(name = "session-ended", value = SESSION_ENDED),
							@ExampleObject(name = "event-limit-reached", value = EVENT_LIMIT_REACHED) }))
	IngestResponse events(@PathVariable UUID id, @Valid @RequestBody EventBatchRequest batch,
			@Parameter(description = "Also ends the session with this reason once the batch is stored, in the same "
					+ "transaction: for a page that is going away, whose separate end request could overtake its last "
					+ "batch. A refused batch leaves the session open.", example = "navigation",
					schema = @Schema(allowableValues = { "logout", "timeout", "error", "navigation" })) @RequestParam(
							required = false) String end) {
		// A null in the batch stays null: the service names it with the batch's other refused events.
		List<NewEvent> events = batch.events().stream().map(event -> (event != null) ? event.toNewEvent() : null)
			.toList();
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
	@ApiResponse(responseCode = "200", description = "OK",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = EventResponse.class))))
	void list(@PathVariable UUID id, HttpServletResponse response) throws IOException {
		// Written as they are read: up to 10 000 events of up to 8 KiB each.
		this.streamed.writeJson(response, json -> {
			json.writeStartArray();
			this.events.eventsOf(id, event -> this.eventWriter.writeValue(json, EventResponse.from(event)));
			json.writeEndArray();
		});
	}

	@GetMapping("/abandoned-workflows")
	@Operation(summary = "Workflows abandoned in a session",
			description = "Workflows whose latest start had no completion after it when the session ended (a "
					+ "workflow completed and then started again under the same id counts if that attempt did not "
					+ "complete), with that start; empty while the session is open.")
	List<AbandonedWorkflow> abandonedWorkflows(@PathVariable UUID id) {
		return this.events.abandonedWorkflowsOf(id);
	}

}
