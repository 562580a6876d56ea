package dev.sessiontracker.insight;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.sessiontracker.stats.DailyStatsService;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stay insight reads a histogram of durations, not every duration: its percentiles, mean and buckets must be
 * what {@code percentile_cont} and {@code avg} give over the rows themselves, with many sessions sharing a duration,
 * ended rows without one (imports), open sessions and bots in the range; whether the range's days are read live,
 * from the daily rollup's stored histograms, or some of each.
 */
class StayPercentilesHttpTests extends HttpTest {

	@Autowired
	DailyStatsService stats;

	@BeforeEach
	void sessionsWithRepeatedDurations() {
		deleteAllSessions();
		// 2 000 sessions, one every 10 minutes from 2026-11-10; durations from 120 values (so each repeats), every
		// 11th ended without a duration (which V12's trigger gives it), every 13th open (seen at T0, the test's now),
		// every 17th a bot (which counts, as every session does by default).
		this.jdbc.update("""
				INSERT INTO user_sessions (user_id, start_time, end_time, duration_seconds, is_bot, last_seen)
				SELECT 'u' || g, start, CASE WHEN g % 13 <> 0 THEN start + d * interval '1 s' END,
				       CASE WHEN g % 13 <> 0 AND g % 11 <> 0 THEN d END, g % 17 = 0,
				       CASE WHEN g % 13 = 0 THEN timestamptz '2026-11-24T10:00:00Z' END
				FROM generate_series(1, 2000) g,
				     LATERAL (SELECT timestamptz '2026-11-10T00:00:00Z' + g * interval '10 minutes',
				                     (g * 7919) % 120 * 37 + g % 3) s(start, d)""");
	}

	@ParameterizedTest(name = "{0} .. {1}, rolled up: {2}")
	@CsvSource({ "2026-11-10,2026-11-23,none", "2026-11-12,2026-11-12,none", "2026-11-13,2026-11-15,none",
			"2026-11-19,2026-11-21,none", "2026-11-01,2026-11-05,none", "2026-11-10,2026-11-23,all",
			"2026-11-12,2026-11-12,all", "2026-11-13,2026-11-15,all", "2026-11-19,2026-11-21,all",
			"2026-11-01,2026-11-05,all", "2026-11-10,2026-11-23,some", "2026-11-13,2026-11-15,some",
			"2026-11-19,2026-11-21,some" })
	void matchesPercentileContAndAvgOverTheRows(String from, String to, String rolledUp) {
		switch (rolledUp) {
			case "all" -> this.stats.rollupPendingDays();
			// 11-10 .. 11-14 and 11-20: a range reads its stored days up to the first one not stored, the rest live
			case "some" -> Stream.of("2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-14", "2026-11-20")
				.forEach(day -> this.stats.rollup(LocalDate.parse(day)));
			default -> {
			}
		}
		Map<String, Object> expected = this.jdbc.queryForMap("""
				SELECT count(*) AS ended, count(DISTINCT duration_seconds) AS distinct_durations,
				       round(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_seconds) AS numeric)) AS median,
				       round(CAST(percentile_cont(0.9) WITHIN GROUP (ORDER BY duration_seconds) AS numeric)) AS p90,
				       round(avg(duration_seconds)) AS average,
				       count(*) FILTER (WHERE duration_seconds < 10) AS b0,
				       count(*) FILTER (WHERE duration_seconds >= 600 AND duration_seconds < 1800) AS b5,
				       count(*) FILTER (WHERE duration_seconds >= 3600) AS b7
				FROM user_sessions
				WHERE start_time >= CAST(? AS date) AT TIME ZONE 'UTC'
				  AND start_time < (CAST(? AS date) + 1) AT TIME ZONE 'UTC'
				  AND end_time IS NOT NULL""", from, to);

		JsonNode stay = this.api.get("/api/v1/insights/stay?from=" + from + "&to=" + to).json();

		assertThat(stay.get("endedSessions").asLong()).isEqualTo(count(expected, "ended"));
		assertThat(text(stay.get("medianSeconds"))).isEqualTo(String.valueOf(expected.get("median")));
		assertThat(text(stay.get("p90Seconds"))).isEqualTo(String.valueOf(expected.get("p90")));
		assertThat(text(stay.get("averageSeconds"))).isEqualTo(String.valueOf(expected.get("average")));
		List<Long> buckets = new ArrayList<>();
		stay.get("buckets").forEach(b -> buckets.add(b.get("sessions").asLong()));
		assertThat(List.of(buckets.get(0), buckets.get(5), buckets.get(7)))
			.containsExactly(count(expected, "b0"), count(expected, "b5"), count(expected, "b7"));
		if (count(expected, "ended") > 0) {
			assertThat(count(expected, "distinct_durations")).as("durations repeat")
				.isLessThan(count(expected, "ended"));
		}
	}

	private static long count(Map<String, Object> row, String column) {
		return ((Number) row.get(column)).longValue();
	}

	private static String text(JsonNode value) {
		return value == null || value.isNull() ? "null" : String.valueOf(value.asLong());
	}

}
