package dev.sessiontracker.session;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.sessiontracker.shared.JobRunner;

/** Every sweep interval, closes the sessions that have been silent for longer than the idle timeout. */
@Component
class IdleSessionCloser {

	static final String NAME = "idle-session-closer";


	private final JobRunner jobs;


	IdleSessionCloser(SessionService sessions, JobRunner jobs, SessionClock clock) {
		this.jobs = jobs;
		jobs.register(NAME, () -> sessions.closeIdleBefore(clock.idleCutoff()));
	}

	// Never twice at once; several instances may each sweep once an interval (an empty sweep takes milliseconds).
	@Scheduled(fixedDelayString = "${tracker.session.sweep-interval:PT1M}",
			initialDelayString = "${tracker.session.sweep-interval:PT1M}")
	@SchedulerLock(name = NAME)
	void closeIdleSessions() {
		this.jobs.run(NAME);
	}

}
