package dev.sessiontracker.shared;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Runs a scheduled job's work and reports it: rows touched ({@code tracker.job.rows}) and time taken
 * ({@code tracker.job.duration}), tagged with the job's name, and one log line.
 */
@Component
public class JobRunner {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final MeterRegistry meters;

	JobRunner(MeterRegistry meters) {
		this.meters = meters;
	}

	/** @return the rows the work touched */
	public long run(String job, LongSupplier work) {
		long start = System.nanoTime();
		long rows = work.getAsLong();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		this.meters.timer("tracker.job.duration", "job", job).record(took);
		this.meters.counter("tracker.job.rows", "job", job).increment(rows);
		log.info("Job {}: {} rows in {} ms", job, rows, took.toMillis());
		return rows;
	}

}
