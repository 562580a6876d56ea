package dev.sessiontracker.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sessiontracker.shared.ReadCachePolicy;

/**
 * Daily statistics: stored rows for past days, today computed live. A day is rolled up once it is over and again
 * the next day, so sessions that ended after midnight still count with their final duration.
 */
@Service
public class DailyStatsService {

	/** Ranges read are kept for {@code spring.cache.caffeine.spec} (60 s by default), today's live row with them. */
	static final String CACHE = "daily-stats";

	/** Workflow rows given their session's start per statement (see {@link #rollupPendingDays()}). */
	static final int WORKFLOW_CHUNK = 10_000;

	/**
	 * Stored days of another zone that one run of the rollup job computes again: all those of the default retention
	 * (P30D) at once, and a run stays within its lock's ten minutes at most (a 1M-session day takes 3-5 s on two
	 * cores). With a longer retention the next hourly runs go on, newest days first, which dashboards show first.
	 */
	static final int OTHER_ZONE_DAYS_PER_RUN = 31;

	private final DailyStatsRepository repository;

	private final StatsProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final LiveDays liveDays;

	DailyStatsService(DailyStatsRepository repository, StatsProperties properties, Clock clock,
			PlatformTransactionManager transactionManager, LiveDays liveDays) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
		this.liveDays = liveDays;
	}

	/**
	 * Recomputes and stores one day; idempotent. A day at or beyond the retention edge, whose sessions retention
	 * deletes, is computed from the sessions it still holds (imported ones, say) unless retention has taken some of
	 * those its stored row counted (it marks the days it trims; for rows from before the mark, fewer sessions than the
	 * row counted tell): that row, computed when the day was whole, is then answered as it is.
	 */
	@Transactional
	@CacheEvict(cacheNames = CACHE, allEntries = true)
	public DailyStats rollup(LocalDate date) {
		LocalDate today = today();
		if (date.isAfter(today)) {
			throw new StatsDayException(date, "is in the future (today is " + today + " in "
					+ this.properties.zone() + ")");
		}
		ZoneId zone = this.properties.zone();
		if (!date.isAfter(oldestKeptDay())) {
			long sessions = this.repository.countSessions(date, zone);
			Optional<DailyStats> stored = this.repository.findStored(date, date).stream().findFirst();
			if (stored.isPresent() && (this.repository.isRetentionTrimmed(date)
					|| sessions < stored.get().totalSessions())) {
				return stored.get();
			}
			if (stored.isEmpty() && sessions == 0) {
				throw new StatsDayException(date, "is beyond the retention of " + days(this.properties.retention())
						+ " and has neither sessions nor a stored row");
			}
		}
		return this.repository.upsert(date, zone, this.clock.instant());
	}

	/**
	 * Before an erasure of the user's sessions, in its transaction: deletes the stored rows (and breakdowns: most
	 * common pages, exit pages, workflows, actions) of the days the user's sessions started on, so that reads count
	 * those days live, without the user, from the moment the erasure commits until {@link #recompute} has stored them
	 * again; the rollup job computes them should that not happen (a missing day). A day from which retention has
	 * already taken sessions keeps its row as it is (computed again it would lose those too). The days are locked
	 * against the rollup until the transaction ends, so that no rollup stores what it read of the user before.
	 * @return the days whose rows were deleted, for {@link #recompute} once the erasure has committed
	 */
	@Transactional
	public List<LocalDate> forgetDaysOf(String userId) {
		ZoneId zone = this.properties.zone();
		LocalDate oldestKept = oldestKeptDay();
		List<LocalDate> forgotten = new ArrayList<>();
		for (LocalDate day : this.repository.findDaysOfUser(userId, zone)) {
			Optional<DailyStats> stored = this.repository.findStored(day, day).stream().findFirst();
			if (stored.isPresent() && (day.isAfter(oldestKept) || !this.repository.isRetentionTrimmed(day)
					&& this.repository.countSessions(day, zone) >= stored.get().totalSessions())) {
				this.repository.delete(day);
				forgotten.add(day);
			}
		}
		return forgotten;
	}

	/** Computes and stores the days again, each in a transaction of its own. */
	public void recompute(Collection<LocalDate> days) {
		ZoneId zone = this.properties.zone();
		days.forEach(day -> this.transactions
			.executeWithoutResult(status -> this.repository.upsert(day, zone, this.clock.instant())));
	}

	/**
	 * Rolls up every day missing since the oldest stored session, yesterday and the day before again (for sessions
	 * that ended late), a stored day computed before it ended or while some of its sessions were open (the run
	 * before a downtime of days left it so), and today so far, so that insights over stored days are at most one run
	 * old. A stored day
	 * computed in another zone than the configured one (or in one not recorded) is computed again in this one if its
	 * sessions are all still kept, the newest {@link #OTHER_ZONE_DAYS_PER_RUN} a run; older days keep their rows.
	 * Each day is written in a transaction of its own.
	 * @return how many days were written
	 */
	public long rollupPendingDays() {
		// A workflow row without its session's start is read by every day's rollup (the rows V9 found, and imports'):
		// they get it first, a chunk a transaction, so that the days below read only their own.
		int filled;
		do {
			filled = this.repository.fillWorkflowSessionStarts(WORKFLOW_CHUNK);
		}
		while (filled == WORKFLOW_CHUNK);
		LocalDate today = today();
		LocalDate oldestKept = oldestKeptDay();
		ZoneId zone = this.properties.zone();
		SortedSet<LocalDate> days = new TreeSet<>(
				this.repository.findMissingDays(today.minusDays(1), oldestKept, zone));
		// The same rule as rollup(date): a day at or beyond the retention edge may have lost sessions, in any zone.
		days.addAll(this.repository.findDaysOfOtherZones(today.minusDays(1), oldestKept, zone,
				OTHER_ZONE_DAYS_PER_RUN));
		// today so far as a run before a downtime of days left it, or a day with sessions open then
		days.addAll(this.repository.findUnfinishedDays(today.minusDays(1), oldestKept, zone));
		for (LocalDate recent : List.of(today.minusDays(2), today.minusDays(1), today)) {
			if (recent.isAfter(oldestKept)) {
				days.add(recent);
			}
		}
		recompute(days);
		return days.size();
	}

	/**
	 * One row a day from {@code from} to {@code to} (both included, none after today); today, a past day not stored
	 * yet, and one stored before it ended (from midnight until the next hourly rollup), are counted live.
	 */
	@Cacheable(cacheNames = CACHE, sync = true, condition = ReadCachePolicy.WHEN_ACCEPTED)
	@Transactional(readOnly = true)
	public List<DailyStats> daily(LocalDate from, LocalDate to) {
		LocalDate today = today();
		LocalDate last = to.isAfter(today) ? today : to;
		Map<LocalDate, DailyStats> stored = this.repository.findFinal(from, last, this.properties.zone())
			.stream()
			.collect(Collectors.toMap(DailyStats::date, Function.identity()));
		List<DailyStats> days = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(last); day = day.plusDays(1)) {
			DailyStats row = day.equals(today) ? null : stored.get(day);
			days.add(row != null ? row : this.liveDays.of(day).row());
		}
		return days;
	}

	/** Today in the stats zone. */
	public LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), this.properties.zone());
	}

	/** The last day whose sessions retention may already have deleted, wholly or in part. */
	LocalDate oldestKeptDay() {
		return LocalDate.ofInstant(this.clock.instant().minus(this.properties.retention()), this.properties.zone());
	}

	/** P30D as P30D, not as Duration's PT720H; a retention of hours as Duration writes it. */
	private static String days(Duration duration) {
		return (duration.toSeconds() % 86_400 == 0) ? "P" + duration.toDays() + "D" : duration.toString();
	}

}
