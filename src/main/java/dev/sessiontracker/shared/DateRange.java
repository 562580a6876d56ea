package dev.sessiontracker.shared;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * An inclusive range of calendar days from request parameters: {@code to} defaults to today, {@code from} to 29 days
 * before {@code to}; at most {@link #MAX_DAYS} days.
 */
public record DateRange(LocalDate from, LocalDate to) {

	public static final int MAX_DAYS = 366;

	/** The first day a parameter can name (days are YYYY-MM-DD, and there is no year 0). */
	public static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);

	public static DateRange of(LocalDate from, LocalDate to, LocalDate today) {
		LocalDate last = to != null ? to : today;
		LocalDate first = from != null ? from : max(last.minusDays(29), FIRST_DAY);
		if (first.isAfter(last)) {
			throw InvalidFieldException.parameter("from", "must not be after to (" + last + ")");
		}
		if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
			throw InvalidFieldException.parameter("from", "the range may span at most " + MAX_DAYS + " days");
		}
		return new DateRange(first, last);
	}

	private static LocalDate max(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

}
