package dev.sessiontracker.insight.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.sessiontracker.insight.InsightService;
import dev.sessiontracker.insight.Insights;
import dev.sessiontracker.shared.DateRangeParams;

@RestController
@RequestMapping("/api/v1/insights")
@Tag(name = "Insights", description = "What the sessions that started from `from` to `to` (days in "
		+ "tracker.stats.zone; `to` defaults to today, `from` to 29 days earlier, at most 366 days) tell. Like the "
		+ "daily statistics, activity, stay and leave read past days as the daily rollup stored them and today live.")
class InsightController {

	private final InsightService insights;

	InsightController(InsightService insights) {
		this.insights = insights;
	}

	@GetMapping("/activity")
	@Operation(summary = "When users are active",
			description = "Sessions started per weekday (rows, Monday first) and hour of day (columns 0-23), with "
					+ "the peak cell (weekday 1 = Monday).")
	Insights.Activity activity(@ParameterObject DateRangeParams range) {
		return this.insights.activity(this.insights.range(range));
	}

	@GetMapping("/stay")
	@Operation(summary = "How long users stay",
			description = "Ended sessions: a duration histogram (0-10s, 10-30s, 30s-1m, 1-3m, 3-10m, 10-30m, 30m-1h, "
					+ "1h+) and the exact median, 90th percentile and mean in whole seconds.")
	Insights.Stay stay(@ParameterObject DateRangeParams range) {
		return this.insights.stay(this.insights.range(range));
	}

	@GetMapping("/leave")
	@Operation(summary = "What makes users leave",
			description = "Exit reasons and exit pages of ended sessions with counts, and the workflows most often "
					+ "abandoned (started and not completed when the session ended).")
	Insights.Leave leave(@ParameterObject DateRangeParams range,
			@Parameter(description = "exit pages and workflows listed, default tracker.insights.top (every exit "
					+ "reason is listed)") @RequestParam(
					required = false) @Min(1) @Max(100) Integer top) {
		return this.insights.leave(this.insights.range(range), top);
	}

	@GetMapping("/together")
	@Operation(summary = "Which features are used together",
			description = "Pairs of actions that occur in the same session, ranked by lift. support = sessions with "
					+ "both / all sessions; confidenceAToB = sessions with both / sessions with a; lift = support / "
					+ "(support(a) x support(b)), 1 meaning independent. Only pairs with support >= minSupport. Read "
					+ "from what the daily rollup stored: today's pairs are at most an hour old.")
	Insights.Together together(@ParameterObject DateRangeParams range,
			@Parameter(description = "default tracker.insights.min-support (0.01)") @RequestParam(
					required = false) @DecimalMin("0") @DecimalMax("1") Double minSupport,
			@Parameter(description = "pairs listed, default tracker.insights.top") @RequestParam(
					required = false) @Min(1) @Max(100) Integer top) {
		return this.insights.together(this.insights.range(range), minSupport, top);
	}

	@GetMapping("/engagement")
	@Operation(summary = "How engaged users are",
			description = "dau: average daily active users over the range; wau and mau: distinct users in the 7 and "
					+ "30 days ending on `to`; stickiness = dau / mau; patterns: users active in those 30 days by "
					+ "user pattern, as of the last pattern refresh.")
	Insights.Engagement engagement(@ParameterObject DateRangeParams range) {
		return this.insights.engagement(this.insights.range(range));
	}

}
