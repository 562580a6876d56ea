package dev.sessiontracker.session;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.sessiontracker.shared.JobRunner;

/** Every sweep interval, closes the sessions that have been silent for longer than the idle timeout. */
@Component
class IdleSessionCloser {

	private final SessionService sessions;

	private final JobRunner jobs;

	private final Clock clock;

	IdleSessionCloser(SessionService sessions, JobRunner jobs, Clock clock) {
		this.sessions = sessions;
		this.jobs = jobs;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${tracker.session.sweep-interval:PT1M}", initialDelayString = "PT10S")
	@SchedulerLock(name = "idle-session-closer")
	void closeIdleSessions() {
		this.jobs.run("idle-session-closer",
				() -> this.sessions.closeIdleBefore(this.clock.instant().minus(this.sessions.idleTimeout())));
	}

}
