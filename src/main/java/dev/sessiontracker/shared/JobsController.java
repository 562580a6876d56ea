package dev.sessiontracker.shared;

import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs a scheduled job now, under the same ShedLock lock as its timer, so it never runs twice at once on any
 * instance. For operators (after changing the retention, say) and for the benchmark.
 */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "The scheduled jobs, run on demand (needs the read key)")
class JobsController {

	private static final String NO_SUCH_JOB = """
			{"type": "/problems/no-such-job", "title": "No such job", "status": 404,
			 "detail": "No job named idle-session-closr; the jobs are [idle-session-closer, ...]"}""";

	private static final String JOB_RUNNING = """
			{"type": "/problems/job-running", "title": "Job running", "status": 409,
			 "detail": "Job idle-session-closer is running (here or on another instance) or ran within \
			tracker.scheduling.lock-at-least-for; its lock is held for at most 212 s more"}""";

	private final JobRunner jobs;

	JobsController(JobRunner jobs) {
		this.jobs = jobs;
	}

	@GetMapping
	@Operation(summary = "The jobs' names")
	Map<String, Set<String>> jobs() {
		return Map.of("jobs", this.jobs.names());
	}

	@PostMapping("/{name}")
	@Operation(summary = "Run a job now and wait for it",
			description = "Answers the rows it touched and the milliseconds it took; 404 for an unknown job, 409 "
					+ "while the job is running (here or on another instance on the same database) or its timer "
					+ "ran within tracker.scheduling.lock-at-least-for, with Retry-After.")
	@ApiResponse(responseCode = "200", description = "The job's run")
	@ApiResponse(responseCode = "404", description = "No job of that name",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					examples = @ExampleObject(value = NO_SUCH_JOB)))
	@ApiResponse(responseCode = "409", description = "The job is running, here or on another instance, or its timer "
			+ "ran within tracker.scheduling.lock-at-least-for; Retry-After gives the seconds its lock stays held",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					examples = @ExampleObject(value = JOB_RUNNING)))
	JobRunner.Run run(@Parameter(example = "idle-session-closer") @PathVariable String name) {
		if (!this.jobs.has(name)) {
			throw new JobProblem(HttpStatus.NOT_FOUND, "no-such-job", "No such job",
					"No job named " + name + "; the jobs are " + this.jobs.names());
		}
		return this.jobs.runLocked(name).orElseThrow(() -> {
			// the lock may have been released in between: then a retry at once will do
			long seconds = this.jobs.lockHeldFor(name).map(held -> Math.max(1, (held.toMillis() + 999) / 1000))
				.orElse(1L);
			return new JobProblem(HttpStatus.CONFLICT, "job-running", "Job running", "Job " + name
					+ " is running (here or on another instance) or ran within tracker.scheduling.lock-at-least-for; "
					+ "its lock is held for at most " + seconds + " s more", seconds);
		});
	}

	static class JobProblem extends ProblemException {

		private final long retryAfterSeconds;

		JobProblem(HttpStatus status, String type, String title, String detail) {
			this(status, type, title, detail, 0);
		}

		JobProblem(HttpStatus status, String type, String title, String detail, long retryAfterSeconds) {
			super(status, type, title, detail);
			this.retryAfterSeconds = retryAfterSeconds;
		}

		@Override
		protected HttpHeaders headers() {
			return (this.retryAfterSeconds > 0) ? retryAfter(this.retryAfterSeconds) : HttpHeaders.EMPTY;
		}

	}

}
