package dev.sessiontracker.shared;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The scheduled jobs by name. Each module registers its jobs' work here; running one reports it: rows touched
 * ({@code tracker.job.rows}) and time taken ({@code tracker.job.duration}), tagged with the job's name, and one
 * log line. The timers hold each job's ShedLock lock; {@link JobsEndpoint} takes the same lock to run one now.
 */
@Component
public class JobRunner {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final MeterRegistry meters;

	private final Map<String, LongSupplier> jobs = new ConcurrentHashMap<>();

	JobRunner(MeterRegistry meters) {
		this.meters = meters;
	}

	/** @param work does the job and returns the rows it touched */
	public void register(String job, LongSupplier work) {
		if (this.jobs.putIfAbsent(job, work) != null) {
			throw new IllegalStateException("Job " + job + " is registered twice");
		}
	}

	Set<String> names() {
		return new TreeSet<>(this.jobs.keySet());
	}

	boolean has(String job) {
		return this.jobs.containsKey(job);
	}

	/** Runs a registered job in this thread, without taking its lock (the caller holds it). */
	public Run run(String job) {
		LongSupplier work = this.jobs.get(job);
		if (work == null) {
			throw new IllegalArgumentException("No job named " + job);
		}
		long start = System.nanoTime();
		long rows = work.getAsLong();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		this.meters.timer("tracker.job.duration", "job", job).record(took);
		this.meters.counter("tracker.job.rows", "job", job).increment(rows);
		log.info("Job {}: {} rows in {} ms", job, rows, took.toMillis());
		return new Run(job, rows, took.toMillis());
	}

	/** One run of a job: the rows it touched and the milliseconds it took. */
	public record Run(String job, long rows, long millis) {
	}

}
