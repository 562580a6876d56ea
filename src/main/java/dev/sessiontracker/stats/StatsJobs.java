package dev.sessiontracker.stats;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.sessiontracker.shared.JobRunner;

/** The stats module's scheduled work: the daily rollup (also at start-up, to backfill) and retention. */
@Component
class StatsJobs {

	private final DailyStatsService stats;

	private final RetentionService retention;

	private final StatsProperties properties;

	private final JobRunner jobs;

	private final Clock clock;

	StatsJobs(DailyStatsService stats, RetentionService retention, StatsProperties properties, JobRunner jobs,
			Clock clock) {
		this.stats = stats;
		this.retention = retention;
		this.properties = properties;
		this.jobs = jobs;
		this.clock = clock;
	}

	// Hourly rather than once after midnight: a missed night (service down) is caught up within the hour.
	@Scheduled(cron = "0 5 * * * *", zone = "${tracker.stats.zone:UTC}")
	@SchedulerLock(name = "daily-rollup")
	void rollupDays() {
		this.jobs.run("daily-rollup", this.stats::rollupPendingDays);
	}

	@Scheduled(cron = "0 35 * * * *")
	@SchedulerLock(name = "retention")
	void deleteExpiredSessions() {
		this.jobs.run("retention",
				() -> this.retention.deleteStartedBefore(this.clock.instant().minus(this.properties.retention())));
	}

	@Component
	@ConditionalOnProperty(name = "tracker.scheduling.enabled", matchIfMissing = true)
	static class Backfill {

		private final StatsJobs jobs;

		Backfill(StatsJobs jobs) {
			this.jobs = jobs;
		}

		@EventListener(ApplicationReadyEvent.class)
		void backfillOnStart() {
			this.jobs.rollupDays();
		}

	}

}
