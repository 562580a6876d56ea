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

	private final PatternService patterns;

	private final JobRunner jobs;

	private final Clock clock;

	UserPatternRefresher(PatternService patterns, JobRunner jobs, Clock clock) {
		this.patterns = patterns;
		this.jobs = jobs;
		this.clock = clock;
	}

	@Scheduled(cron = "0 15 * * * *")
	@SchedulerLock(name = "user-patterns")
	void refreshUserPatterns() {
		this.jobs.run("user-patterns", () -> this.patterns.refreshUsersActiveSince(this.clock.instant().minus(LOOK_BACK)));
	}

}
