package dev.sessiontracker.pattern;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.sessiontracker.shared.JobRunner;

/**
 * Hourly, re-classifies the users whose recent sessions changed since the previous run (every user active in the
 * last two days once a day), so that the engagement insight can count users by pattern without classifying every
 * user on every request; see {@link PatternService#refreshChangedUsers()}.
 */
@Component
class UserPatternRefresher {

	private final JobRunner jobs;

	UserPatternRefresher(PatternService patterns, JobRunner jobs) {
		this.jobs = jobs;
		jobs.register("user-patterns", patterns::refreshChangedUsers);
	}

	// Held five minutes at least, so an instance whose clock is a little behind does not run it again.
	@Scheduled(cron = "0 15 * * * *")
	@SchedulerLock(name = "user-patterns", lockAtLeastFor = "${tracker.scheduling.lock-at-least-for:PT5M}")
	void refreshUserPatterns() {
		this.jobs.run("user-patterns");
	}

}
