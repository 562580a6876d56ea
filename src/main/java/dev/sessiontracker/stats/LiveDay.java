package dev.sessiontracker.stats;

import java.time.LocalDate;
import java.util.List;

/**
 * A day's sessions counted live, as the daily rollup would store them: the day's row, and the breakdowns that the
 * activity, stay and leave insights add to the stored days' (sessions by local hour, ended sessions by duration and
 * by exit). One scan of the day gives all of them, which the answers over ranges that hold the day share when they are
 * asked for at once ({@link LiveDays}).
 */
public record LiveDay(DailyStats row, List<Hour> hours, List<Duration> durations, List<Exit> exits) {

	public LocalDate date() {
		return this.row.date();
	}

	/** Sessions started in one local hour of the day (0-23; an hour that occurs twice counts as one). */
	public record Hour(int hour, long sessions) {
	}

	/** Ended sessions with one duration ({@code null}: ended without one, as imports may be). */
	public record Duration(Integer seconds, long sessions) {
	}

	/** Ended sessions by exit reason and exit page (either may be null). */
	public record Exit(String reason, String page, long sessions) {
	}

}
