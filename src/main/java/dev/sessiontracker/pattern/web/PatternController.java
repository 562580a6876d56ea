package dev.sessiontracker.pattern.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sessiontracker.pattern.PatternService;
import dev.sessiontracker.pattern.SessionPattern;
import dev.sessiontracker.pattern.SessionPatternClassifier;
import dev.sessiontracker.pattern.UserPattern;
import dev.sessiontracker.pattern.UserPatternClassifier;

@RestController
@RequestMapping("/api/v1/sessions")
@Tag(name = "Patterns", description = "How a user uses the product, and what kind of visit a session was")
class PatternController {

	private static final String SESSION_OPEN = """
			{"type": "/problems/session-open", "title": "Session still open", "status": 409,
			 "detail": "Session '019ab6e2-4c1d-7a3e-9f00-5d2c8e1b7a10' is still open; its pattern is known once it \
			has ended."}""";

	private final PatternService patterns;

	PatternController(PatternService patterns) {
		this.patterns = patterns;
	}

	@GetMapping("/patterns/{userId}")
	@Operation(summary = "A user's pattern",
			description = UserPatternClassifier.RULES + " " + UserPatternClassifier.CONFIDENCE_RULE)
	UserPattern userPattern(@PathVariable String userId) {
		return this.patterns.userPattern(userId);
	}

	@GetMapping("/{id}/pattern")
	@Operation(summary = "An ended session's pattern (409 while it is open)",
			description = SessionPatternClassifier.RULES)
	@ApiResponse(responseCode = "200", description = "The session's pattern")
	@ApiResponse(responseCode = "409", description = "The session is still open",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					examples = @ExampleObject(value = SESSION_OPEN)))
	SessionPattern sessionPattern(@PathVariable UUID id) {
		return this.patterns.sessionPattern(id);
	}

}
