package dev.sessiontracker.stats.web;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sessiontracker.shared.DateRange;
import dev.sessiontracker.shared.DateRangeParams;
import dev.sessiontracker.stats.DailyStats;
import dev.sessiontracker.stats.DailyStatsService;

@RestController
@RequestMapping("/api/v1/stats/daily")
@Tag(name = "Daily statistics", description = "One row a day over the sessions that started that day "
		+ "(in tracker.stats.zone): totals, unique users, average duration of ended sessions, bounce rate (ended, "
		+ "duration < 30 s, at most one action) and error rate as percentages with two decimals, and the most "
		+ "common entry and exit pages (ties to the alphabetically first)")
class StatsController {

	private static final String DAY_NOT_ROLLABLE = """
			{"type": "/problems/day-not-rollable", "title": "Day cannot be rolled up", "status": 409,
			 "detail": "The date 2026-12-01 is in the future (today is 2026-11-24 in UTC).", "field": "date"}""";

	private final DailyStatsService stats;

	StatsController(DailyStatsService stats) {
		this.stats = stats;
	}

	@GetMapping
	@Operation(summary = "Daily statistics for a range of days",
			description = "Stored rows for past days, today computed live; days after today are left out. At most "
					+ DateRange.MAX_DAYS + " days; `to` defaults to today, `from` to 29 days before `to`.")
	List<DailyStats> daily(@ParameterObject DateRangeParams params) {
		DateRange range = params.resolve(this.stats.today());
		return this.stats.daily(range.from(), range.to());
	}

	@PostMapping("/{date}/rollup")
	@Operation(summary = "Recompute one day",
			description = "Idempotent: recomputes the day from its sessions and stores it. A day beyond the "
					+ "retention window is computed from the sessions it still holds (imported ones, say), unless "
					+ "retention has deleted some its stored row counted: that row is answered as it is. 409 for a "
					+ "future day, and for one beyond the retention window with neither sessions nor a stored row.")
	@ApiResponse(responseCode = "200", description = "The day's row, as stored")
	@ApiResponse(responseCode = "409", description = "A future day, or one beyond the retention window with neither "
			+ "sessions nor a stored row",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					examples = @ExampleObject(value = DAY_NOT_ROLLABLE)))
	// No example date: any fixed day becomes one beyond the retention window some weeks later.
	DailyStats rollup(@Parameter(description = "A past day, such as yesterday, or today")
			@PathVariable
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		return this.stats.rollup(date);
	}

}
