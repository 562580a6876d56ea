package dev.sessiontracker.stats;

import java.time.LocalDate;
import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.sessiontracker.shared.ProblemException;

/** A day that cannot be rolled up (in the future, or beyond retention). */
class StatsDayException extends ProblemException {

	StatsDayException(LocalDate date, String why) {
		super(HttpStatus.CONFLICT, "day-not-rollable", "Day cannot be rolled up", "The date " + date + " " + why + ".");
	}

	@Override
	protected Map<String, Object> properties() {
		return Map.of("field", "date");
	}

}
