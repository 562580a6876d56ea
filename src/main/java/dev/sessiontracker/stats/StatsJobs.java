package dev.sessiontracker.stats;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.sessiontracker.shared.JobRunner;

/** The stats module's scheduled work: the daily rollup (also at start-up, to backfill) and retention. */
@Component
class StatsJobs {

	static final String DAILY_ROLLUP = "daily-rollup";

	private final JobRunner jobs;

	StatsJobs(DailyStatsService stats, RetentionService retention, StatsProperties properties, JobRunner jobs,
			Clock clock) {
		this.jobs = jobs;
		jobs.register(DAILY_ROLLUP, stats::rollupPendingDays);
		jobs.register("retention", () -> retention.deleteStartedBefore(clock.instant().minus(properties.retention())));
	}

	// Hourly rather than once after midnight: a missed night (service down) is caught up within the hour.
	// Both hold their lock five minutes at least, so an instance whose clock is a little behind does not run them
	// again in the same hour (the start-up run below does not: it is no hour's run).
	@Scheduled(cron = "0 5 * * * *", zone = "${tracker.stats.zone:UTC}")
	@SchedulerLock(name = DAILY_ROLLUP, lockAtLeastFor = "${tracker.scheduling.lock-at-least-for:PT5M}")
	void rollupDays() {
		this.jobs.run(DAILY_ROLLUP);
	}

	@Scheduled(cron = "0 35 * * * *")
	@SchedulerLock(name = "retention", lockAtLeastFor = "${tracker.scheduling.lock-at-least-for:PT5M}")
	void deleteExpiredSessions() {
		this.jobs.run("retention");
	}

	/**
	 * The rollup at start-up, which backfills what the service missed while it was down and computes again the days
	 * of another zone: readiness waits for it, so that a load balancer sends an instance traffic only once it is done
	 * (run beside the traffic on a thread of its own, it overlapped the whole measurement of the benchmark's two
	 * just-started instances, which served a quarter of what they had before). It takes the job's lock only while it
	 * runs (see {@link JobRunner#runLocked}): a {@code POST /api/v1/jobs/daily-rollup} right after start-up is refused
	 * only while a rollup is running.
	 */
	@Component
	@ConditionalOnProperty(name = "tracker.scheduling.enabled", matchIfMissing = true)
	static class Backfill {

		private static final Logger log = LoggerFactory.getLogger(Backfill.class);

		private final JobRunner jobs;

		Backfill(JobRunner jobs) {
			this.jobs = jobs;
		}

		@EventListener(ApplicationReadyEvent.class)
		void backfillOnStart() {
			try {
				if (this.jobs.runLocked(DAILY_ROLLUP).isEmpty()) {
					// not necessarily by another instance: an hourly run keeps the lock for lock-at-least-for
					log.info("Start-up rollup skipped: job {}'s lock is held, by a rollup running on another instance "
							+ "or by an hourly rollup (of any instance, an earlier run of this one included) within "
							+ "the last tracker.scheduling.lock-at-least-for; the next hourly run rolls up",
							DAILY_ROLLUP);
				}
			}
			catch (RuntimeException ex) {
				// the service can serve without it: the hourly run does the work again
				log.warn("Start-up rollup failed; the hourly run will do it", ex);
			}
		}

	}

}
