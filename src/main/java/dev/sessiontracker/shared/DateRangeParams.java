package dev.sessiontracker.shared;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Parameter;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The {@code from} and {@code to} query parameters of the range endpoints, bound as one object.
 * @see DateRange#of(LocalDate, LocalDate, LocalDate)
 */
public record DateRangeParams(
		@Parameter(description = "first day (YYYY-MM-DD); default 29 days before `to`",
				example = "2026-11-01") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
		@Parameter(description = "last day (YYYY-MM-DD), included; default today",
				example = "2026-11-24") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {

	public DateRange resolve(LocalDate today) {
		return DateRange.of(this.from, this.to, today);
	}

}
