package dev.sessiontracker.stats;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One day's statistics over the sessions that started that day (in the stats zone). Rates are percentages with
 * two decimals; {@code avgDurationSeconds} is over ended sessions and null when none ended.
 */
public record DailyStats(LocalDate date, int totalSessions, int uniqueUsers, Integer avgDurationSeconds,
		BigDecimal bounceRate, BigDecimal errorRate, String mostCommonEntry, String mostCommonExit) {
}
