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

	private final JobRunner jobs;

	StatsJobs(DailyStatsService stats, RetentionService retention, StatsProperties properties, JobRunner jobs,
			Clock clock) {
		this.jobs = jobs;
		jobs.register("daily-rollup", stats::rollupPendingDays);
		jobs.register("retention", () -> retention.deleteStartedBefore(clock.instant().minus(properties.retention())));
	}

	// Hourly rather than once after midnight: a missed night (service down) is caught up within the hour.
	// Both hold their lock five minutes at least, so an instance whose clock is a little behind does not run them
	// again in the same hour.
	@Scheduled(cron = "0 5 * * * *", zone = "${tracker.stats.zone:UTC}")
	@SchedulerLock(name = "daily-rollup", lockAtLeastFor = "${tracker.scheduling.lock-at-least-for:PT5M}")
	void rollupDays() {
		this.jobs.run("daily-rollup");
	}

	@Scheduled(cron = "0 35 * * * *")
	@SchedulerLock(name = "retention", lockAtLeastFor = "${tracker.scheduling.lock-at-least-for:PT5M}")
	void deleteExpiredSessions() {
		this.jobs.run("retention");
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
