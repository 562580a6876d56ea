package dev.sessiontracker.pattern;

import java.time.Clock;
import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.sessiontracker.shared.JobRunner;

/**
 * Hourly, re-classifies the users active in the last two days, so that the engagement insight can count users by
 * pattern without classifying every user on every request.
 */
@Component
class UserPatternRefresher {

	static final Duration LOOK_BACK = Duration.ofDays(2);

	private final JobRunner jobs;

	UserPatternRefresher(PatternService patterns, JobRunner jobs, Clock clock) {
		this.jobs = jobs;
		jobs.register("user-patterns", () -> patterns.refreshUsersActiveSince(clock.instant().minus(LOOK_BACK)));
	}

	// Held five minutes at least, so an instance whose clock is a little behind does not run it again.
	@Scheduled(cron = "0 15 * * * *")
	@SchedulerLock(name = "user-patterns", lockAtLeastFor = "${tracker.scheduling.lock-at-least-for:PT5M}")
	void refreshUserPatterns() {
		this.jobs.run("user-patterns");
	}

}
