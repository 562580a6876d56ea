package dev.sessiontracker.privacy.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sessiontracker.privacy.UserDataService;

@RestController
@RequestMapping("/api/v1/users/{userId}")
@Tag(name = "Privacy", description = "A user's data: export it all, or erase it (GDPR). Needs the read key.")
class UserDataController {

	private final UserDataService users;

	UserDataController(UserDataService users) {
		this.users = users;
	}

	@GetMapping(value = "/export", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Export everything stored about a user",
			description = "Sessions (oldest first) with their device, entry, exit, counters, events and workflows, "
					+ "and the stored user pattern. No IP address is ever stored.")
	String export(@PathVariable String userId) {
		return this.users.export(userId);
	}

	@DeleteMapping
	@Operation(summary = "Erase a user",
			description = "Deletes the user's sessions, events, workflows and stored pattern; answers what was "
					+ "deleted. Daily statistics, which are anonymous aggregates, stay. While the user-pattern job "
					+ "stores a chunk of patterns, the erasure waits for that chunk (at most a second or two), so "
					+ "that the job cannot store the user's pattern again.")
	UserDataService.Erased erase(@PathVariable String userId) {
		return this.users.erase(userId);
	}

}
