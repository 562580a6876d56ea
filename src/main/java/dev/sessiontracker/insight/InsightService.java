package dev.sessiontracker.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.transaction.annotation.Transactional;

import dev.sessiontracker.insight.Insights.Activity;
import dev.sessiontracker.insight.Insights.Bucket;
import dev.sessiontracker.insight.Insights.Engagement;
import dev.sessiontracker.insight.Insights.Leave;
import dev.sessiontracker.insight.Insights.Stay;
import dev.sessiontracker.insight.Insights.Together;
import dev.sessiontracker.shared.DateRange;
import dev.sessiontracker.shared.DateRangeParams;
import dev.sessiontracker.shared.ReadCachePolicy;
import dev.sessiontracker.stats.DailyStats;
import dev.sessiontracker.stats.DailyStatsService;
import dev.sessiontracker.stats.LiveDay;
import dev.sessiontracker.stats.LiveDays;
import dev.sessiontracker.stats.StatsProperties;

/** What the sessions of a range of days tell: when users come, how long they stay, why they leave. */
@Service
@Transactional(readOnly = true)
public class InsightService {

	/** Answers are kept for {@code spring.cache.caffeine.spec} (60 s by default): dashboards poll them. */
	static final String CACHE = "insights";

	/** Upper bounds of the duration histogram's buckets, in seconds; the last bucket is open-ended. */
	static final long[] DURATION_BOUNDS = { 10, 30, 60, 180, 600, 1800, 3600 };

	private final InsightRepository repository;

	private final DailyStatsService stats;

	private final LiveDays liveDays;

	private final StatsProperties statsProperties;

	private final InsightProperties properties;

	InsightService(InsightRepository repository, DailyStatsService stats, LiveDays liveDays,
			StatsProperties statsProperties, InsightProperties properties) {
		this.repository = repository;
		this.stats = stats;
		this.liveDays = liveDays;
		this.statsProperties = statsProperties;
		this.properties = properties;
	}

	public DateRange range(DateRangeParams params) {
		return params.resolve(this.stats.today());
	}

	@Cacheable(cacheNames = CACHE, sync = true, condition = ReadCachePolicy.WHEN_ACCEPTED)
	public Activity activity(DateRange range) {
		long[][] matrix = new long[7][24];
		long total = 0;
		for (long[] row : this.repository.activity(span(range))) {
			matrix[(int) row[0] - 1][(int) row[1]] += row[2];
			total += row[2];
		}
		int peakDay = 0;
		int peakHour = 0;
		for (int d = 0; d < 7; d++) {
			for (int h = 0; h < 24; h++) {
				if (matrix[d][h] > matrix[peakDay][peakHour]) {
					peakDay = d;
					peakHour = h;
				}
			}
		}
		return new Activity(range.from(), range.to(), zone().getId(), total, matrix, peakDay + 1, peakHour);
	}

	@Cacheable(cacheNames = CACHE, sync = true, condition = ReadCachePolicy.WHEN_ACCEPTED)
	public Stay stay(DateRange range) {
		long[] row = this.repository.stay(span(range), DURATION_BOUNDS);
		List<Bucket> buckets = new ArrayList<>();
		for (int i = 0; i <= DURATION_BOUNDS.length; i++) {
			long min = i == 0 ? 0 : DURATION_BOUNDS[i - 1];
			Long max = i == DURATION_BOUNDS.length ? null : DURATION_BOUNDS[i];
			buckets.add(new Bucket(label(min, max), min, max, row[4 + i]));
		}
		return new Stay(range.from(), range.to(), row[0], nullable(row[1]), nullable(row[2]), nullable(row[3]),
				buckets);
	}

	@Cacheable(cacheNames = CACHE, sync = true, condition = ReadCachePolicy.WHEN_ACCEPTED)
	public Leave leave(DateRange range, Integer top) {
		InsightRepository.Span span = span(range);
		int n = top(top);
		InsightRepository.Exits exits = this.repository.exits(span, n);
		List<LiveDays.Workflow> liveWorkflows = span.live()
			.stream()
			.flatMap(day -> this.liveDays.workflows(day.date()).stream())
			.toList();
		return new Leave(range.from(), range.to(), exits.reasons(), exits.pages(),
				this.repository.abandonedWorkflows(span, liveWorkflows, n));
	}

	/**
	 * Reads the per-day action usage and pairs the daily rollup stores (today's as of its last hourly run): a
	 * month of them is a few thousand rows, where the events behind them are millions. Days after today have none
	 * to read, but one stored under a zone ahead of this one (today there before a change of zone), whose sessions
	 * today's row holds again.
	 */
	@Cacheable(cacheNames = CACHE, sync = true, condition = ReadCachePolicy.WHEN_ACCEPTED)
	public Together together(DateRange range, Double minSupport, Integer top) {
		double support = minSupport != null ? minSupport : this.properties.minSupport();
		LocalDate today = this.stats.today();
		LocalDate to = range.to().isAfter(today) ? today : range.to();
		InsightRepository.Together result = this.repository.together(range.from(), to, support, top(top));
		return new Together(range.from(), range.to(), result.sessions(), support, result.pairs());
	}

	@Cacheable(cacheNames = CACHE, sync = true, condition = ReadCachePolicy.WHEN_ACCEPTED)
	public Engagement engagement(DateRange range) {
		Instant end = end(range.to());
		Instant monthStart = start(range.to().minusDays(29));
		// The month's users first: a dashboard asks for the range's daily statistics at the same time, whose answer
		// (cached, computed once however many ask) is then ready or nearly so, instead of counted after the month.
		long[] active = this.repository.activeUsers(monthStart, start(range.to().minusDays(6)), end);
		long mau = active[0];
		long wau = active[1];
		List<DailyStats> days = this.stats.daily(range.from(), range.to());
		double dau = days.stream().mapToInt(DailyStats::uniqueUsers).average().orElse(0);
		return new Engagement(range.from(), range.to(), InsightRepository.round4(dau), wau, mau,
				mau == 0 ? 0 : InsightRepository.round4(dau / mau), this.repository.userPatterns(monthStart, end));
	}

	/**
	 * The range's days before today as the daily rollup stored them, and today (or more, if not stored) live, each
	 * live day counted once for the answers that need it at the same time.
	 */
	private InsightRepository.Span span(DateRange range) {
		LocalDate today = this.stats.today();
		LocalDate firstLive = this.repository.firstLiveDay(range.from(), range.to(), today, zone());
		List<LiveDay> live = new ArrayList<>();
		for (LocalDate day = firstLive; !day.isAfter(range.to()) && !day.isAfter(today); day = day.plusDays(1)) {
			live.add(this.liveDays.of(day));
		}
		return new InsightRepository.Span(range.from(), firstLive, live);
	}

	private int top(Integer top) {
		return top != null ? top : this.properties.top();
	}

	private Instant start(LocalDate day) {
		return day.atStartOfDay(zone()).toInstant();
	}

	private Instant end(LocalDate day) {
		return start(day.plusDays(1));
	}

	private ZoneId zone() {
		return this.statsProperties.zone();
	}

	private static Long nullable(long value) {
		return value < 0 ? null : value;
	}

	private static String label(long min, Long max) {
		return max == null ? human(min) + "+" : human(min) + "-" + human(max);
	}

	private static String human(long seconds) {
		return seconds >= 3600 ? seconds / 3600 + "h" : seconds >= 60 ? seconds / 60 + "m" : seconds + "s";
	}

}
