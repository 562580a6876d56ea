package dev.sessiontracker.privacy.web;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sessiontracker.privacy.UserDataService;
import dev.sessiontracker.privacy.UserExporter;
import dev.sessiontracker.shared.StreamedAnswer;

@RestController
@RequestMapping("/api/v1/users/{userId}")
@Tag(name = "Privacy", description = "A user's data: export it all, or erase it (GDPR). Needs the read key.")
class UserDataController {

	private static final String EXPORT_EXAMPLE = """
			{"userId": "u-42", "sessions": [
			  {"id": "019ab6e2-4c1d-7a3e-9f00-5d2c8e1b7a10", "startTime": "2026-11-24T10:15:30.000000Z",
			   "lastSeen": "2026-11-24T10:27:02.000000Z", "endTime": "2026-11-24T10:27:02.000000Z", "duration": 692,
			   "device": {"type": "desktop", "browser": "Chrome", "os": "Windows", "screenSize": "1920x1080",
			              "bot": false},
			   "entry": {"page": "/pricing?utm_campaign=spring", "source": "external",
			             "referrer": "https://news.example.org/", "campaign": "spring"},
			   "exit": {"page": "/checkout", "reason": "logout", "lastAction": "purchase"},
			   "actions": 2, "errors": 0, "workflows": 1,
			   "events": [
			     {"id": "6f1c2a9e-8d7b-4c3e-a1f0-2b9d8e7c6a51", "action": "page_view",
			      "timestamp": "2026-11-24T10:15:31.000000Z", "data": {"page": "/checkout"}},
			     {"id": "0c5e3b7d-2f4a-4e8b-9d1c-7a6f5e4d3c2b", "action": "workflow_start",
			      "timestamp": "2026-11-24T10:15:42.000000Z", "data": {"workflowId": "checkout"}}],
			   "workflowExecutions": [
			     {"workflowId": "checkout", "startedAt": "2026-11-24T10:15:42.000000Z", "completedAt": null}]}],
			 "pattern": {"pattern": "regular_user", "confidence": 0.6}}""";

	private final UserDataService users;

	private final UserExporter exporter;

	private final StreamedAnswer streamed;

	UserDataController(UserDataService users, UserExporter exporter, StreamedAnswer streamed) {
		this.users = users;
		this.exporter = exporter;
		this.streamed = streamed;
	}

	@GetMapping(value = "/export", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Export everything stored about a user",
			description = "Sessions (oldest first) with their device, entry, exit, counters, events and workflows, "
					+ "and the stored user pattern. No IP address is ever stored.")
	@ApiResponse(responseCode = "200", description = "The user's data",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = UserExport.class),
					examples = @ExampleObject(name = "one-session", value = EXPORT_EXAMPLE)))
	void export(@PathVariable String userId, HttpServletResponse response) throws IOException {
		// Written as it is read: a user's data may be far larger than this service's memory.
		this.streamed.writeJson(response, json -> this.exporter.export(userId, json));
	}

	@DeleteMapping
	@Operation(summary = "Erase a user",
			description = "Deletes the user's sessions, events, workflows and stored pattern; answers what was "
					+ "deleted. The stored days of the user's sessions (daily statistics and the insights' per-day "
					+ "figures) are computed again without them before the answer, and no kept answer shows them. "
					+ "While the user-pattern job stores a chunk of patterns, the erasure waits for that chunk (at "
					+ "most a second or two), so that the job cannot store the user's pattern again.")
	UserDataService.Erased erase(@PathVariable String userId) {
		return this.users.erase(userId);
	}

}
