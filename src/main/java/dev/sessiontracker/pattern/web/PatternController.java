package dev.sessiontracker.pattern.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

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
	SessionPattern sessionPattern(@PathVariable UUID id) {
		return this.patterns.sessionPattern(id);
	}

}
