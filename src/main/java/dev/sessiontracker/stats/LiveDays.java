package dev.sessiontracker.stats;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts a day's sessions live ({@link LiveDay}) once for every request that needs it at the same time. A dashboard
 * asks for a range's daily statistics, activity, stay and leave together, and each of them reads today live: on a
 * busy day a scan of a million sessions or more each. A request that needs a day while another is counting it waits
 * for that count instead of starting its own; a request that comes after it is done counts again, so an answer is
 * never older than the count that was running when it was asked for (nothing is kept).
 */
@Service
public class LiveDays {

	/**
	 * SQL: whether a stored day's row ({@code date}, {@code computed_at} of daily_session_stats) was computed before
	 * the day ended in the zone {@code :localZone} ({@link dev.sessiontracker.shared.PostgresZone}): today so far, as
	 * the hourly rollup left it, which reads count live until the rollup has computed it again. NULL (rows stored
	 * before V14, imports) is final.
	 */
	public static final String COMPUTED_BEFORE_ITS_END = "COALESCE(computed_at < CAST(date + 1 AS timestamp) "
			+ "AT TIME ZONE :localZone, FALSE)";

	private final DailyStatsRepository repository;

	private final StatsProperties properties;

	private final ConcurrentMap<LocalDate, CompletableFuture<LiveDay>> counting = new ConcurrentHashMap<>();

	LiveDays(DailyStatsRepository repository, StatsProperties properties) {
		this.repository = repository;
		this.properties = properties;
	}

	/** The day's sessions as they are now: counted by this call, or by the one already counting them. */
	@Transactional(readOnly = true)
	public LiveDay of(LocalDate day) {
		CompletableFuture<LiveDay> mine = new CompletableFuture<>();
		CompletableFuture<LiveDay> running = this.counting.putIfAbsent(day, mine);
		if (running != null) {
			return join(running);
		}
		try {
			LiveDay counted = this.repository.live(day, this.properties.zone());
			mine.complete(counted);
			return counted;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.counting.remove(day, mine);
		}
	}

	/**
	 * The workflows started in the day's ended sessions, and how many of them never completed, as they are now:
	 * counted on every call (a join of the day's ended sessions with their workflows, which only the leave insight
	 * reads, so that daily statistics alone do not pay for it).
	 */
	@Transactional(readOnly = true)
	public List<Workflow> workflows(LocalDate day) {
		return this.repository.liveWorkflows(day, this.properties.zone());
	}

	/** A workflow started in a day's ended sessions, and how many of those never completed. */
	public record Workflow(String workflowId, long started, long abandoned) {
	}

	/** The other count's result, or its failure as it was thrown there (a database outage answers 503 alike). */
	private static LiveDay join(CompletableFuture<LiveDay> running) {
		try {
			return running.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

}
