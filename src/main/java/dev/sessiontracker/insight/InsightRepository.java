package dev.sessiontracker.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.sessiontracker.shared.PostgresZone;
import dev.sessiontracker.stats.LiveDay;
import dev.sessiontracker.stats.LiveDays;
import dev.sessiontracker.stats.StatsProperties;

import dev.sessiontracker.insight.Insights.WorkflowAbandonment;
import dev.sessiontracker.insight.Insights.ActionPair;
import dev.sessiontracker.insight.Insights.Count;

/**
 * The insights in SQL, each one statement. Activity, stay and leave add what the daily rollup stored for the range's
 * past days to the rest's live counts ({@link Span}); feature co-usage reads only the rollup's per-day usage and
 * pairs; engagement's active users read the range's sessions.
 */
@Repository
class InsightRepository {

	private final JdbcClient jdbc;

	private final boolean includeBots;

	InsightRepository(JdbcClient jdbc, StatsProperties stats) {
		this.jdbc = jdbc;
		this.includeBots = stats.includeBots();
	}

	/** A statement over the sessions that started in {@code [from, to)}, bots left out if so configured. */
	private JdbcClient.StatementSpec range(String sql, Instant from, Instant to) {
		return this.jdbc.sql(sql)
			.param("from", utc(from))
			.param("to", utc(to))
			.param("includeBots", this.includeBots);
	}

	/**
	 * Where a range's answer comes from, like the daily statistics': the days in {@code [storedFrom, storedUntil)}
	 * from what the daily rollup stored with each day's row, and the {@code live} days counted as they are now.
	 */
	record Span(LocalDate storedFrom, LocalDate storedUntil, List<LiveDay> live) {
	}

	/**
	 * The first of the days {@code [from, to]} to count live (after {@code to} if none): today, or the first earlier
	 * one whose breakdowns the rollup has not stored yet, or stored before the day ended; days before the oldest
	 * session have nothing to read, stored or not. Every day from it to today is then live.
	 */
	LocalDate firstLiveDay(LocalDate from, LocalDate to, LocalDate today, ZoneId zone) {
		LocalDate last = to.isBefore(today) ? to : today;
		return this.jdbc.sql("""
				SELECT COALESCE(min(d)::date, CAST(:last AS date) + 1)
				FROM generate_series(CAST(:from AS date), CAST(:last AS date), interval '1 day') d
				WHERE d >= :today
				   OR (NOT EXISTS (SELECT 1 FROM daily_session_stats s
				                   WHERE s.date = d::date AND s.breakdowns_stored AND NOT %s)
				       AND d >= (SELECT (min(start_time) AT TIME ZONE :localZone)::date FROM user_sessions))"""
			.formatted(LiveDays.COMPUTED_BEFORE_ITS_END))
			.param("from", from)
			.param("last", last)
			.param("today", today)
			.param("localZone", PostgresZone.of(zone))
			.query(LocalDate.class)
			.single();
	}

	/**
	 * A statement over a {@link Span}'s stored days, [:storedFrom, :storedUntil). Its live days' breakdowns join them
	 * as parameters, arrays of one value each, whose {@code unnest} in PostgreSQL gives their rows: a day's breakdown
	 * is a few hundred to a few thousand rows, where the day's sessions are up to millions.
	 */
	private JdbcClient.StatementSpec spanned(String sql, Span span) {
		return this.jdbc.sql(sql).param("storedFrom", span.storedFrom()).param("storedUntil", span.storedUntil());
	}

	/** The live days' breakdown, day after day. */
	private static <T> List<T> live(Span span, Function<LiveDay, List<T>> breakdown) {
		return span.live().stream().flatMap(day -> breakdown.apply(day).stream()).toList();
	}

	/**
	 * Rows (isodow 1-7, hour 0-23, sessions): the stored days' hours added up by weekday and hour, then the live
	 * days' hours (a weekday and hour may come twice).
	 */
	List<long[]> activity(Span span) {
		List<long[]> rows = new ArrayList<>(spanned("""
				SELECT extract(isodow FROM date) AS weekday, hour, sum(sessions) AS sessions FROM daily_hours
				WHERE date >= :storedFrom AND date < :storedUntil
				GROUP BY 1, 2""", span)
			.query((rs, n) -> new long[] { rs.getLong("weekday"), rs.getLong("hour"), rs.getLong("sessions") })
			.list());
		for (LiveDay day : span.live()) {
			day.hours().forEach(h -> rows.add(new long[] { day.date().getDayOfWeek().getValue(), h.hour(),
					h.sessions() }));
		}
		return rows;
	}

	/**
	 * ended, median, p90, average, then one count per bucket bound in {@code bounds}. All of them come from the
	 * range's histogram of durations (one row per distinct duration: the stored days' and the live days'), instead
	 * of sorting every duration for {@code percentile_cont}: the percentiles are the same, interpolated the same way
	 * between the two durations around rank p x (n - 1).
	 */
	long[] stay(Span span, long[] bounds) {
		List<LiveDay.Duration> durations = live(span, LiveDay::durations);
		StringBuilder buckets = new StringBuilder();
		for (int i = 0; i <= bounds.length; i++) {
			String lower = i == 0 ? "TRUE" : "d >= " + bounds[i - 1];
			String upper = i == bounds.length ? "TRUE" : "d < " + bounds[i];
			buckets.append(", COALESCE(sum(n) FILTER (WHERE ").append(lower).append(" AND ").append(upper)
				.append("), 0)");
		}
		return spanned("""
				WITH histogram AS (
				    SELECT d, sum(n) AS n FROM (
				        SELECT duration_seconds AS d, sessions AS n FROM daily_durations
				        WHERE date >= :storedFrom AND date < :storedUntil
				        UNION ALL
				        SELECT * FROM unnest(CAST(:liveDurations AS integer[]), CAST(:liveSessions AS bigint[]))
				    ) days
				    GROUP BY 1
				), ranked AS (
				    -- the 0-based ranks [below, below + n) of each duration, in ascending order
				    SELECT d, n, sum(n) OVER (ORDER BY d) - n AS below FROM histogram WHERE d IS NOT NULL
				), ranks AS (
				    SELECT p, p * (total - 1) AS at
				    FROM (SELECT sum(n) AS total FROM ranked) t, (VALUES (0.5::float8), (0.9::float8)) v(p)
				    WHERE total > 0
				), percentiles AS (
				    SELECT p, lo.d + (hi.d - lo.d) * (at - floor(at)) AS value
				    FROM ranks
				    JOIN ranked lo ON floor(at) >= lo.below AND floor(at) < lo.below + lo.n
				    JOIN ranked hi ON ceil(at) >= hi.below AND ceil(at) < hi.below + hi.n
				)
				SELECT COALESCE(sum(n), 0),
				       (SELECT round(CAST(value AS numeric)) FROM percentiles WHERE p = 0.5),
				       (SELECT round(CAST(value AS numeric)) FROM percentiles WHERE p = 0.9),
				       round(sum(d::numeric * n) FILTER (WHERE d IS NOT NULL) / sum(n) FILTER (WHERE d IS NOT NULL))"""
				+ buckets + """

				FROM histogram""", span)
			.param("liveDurations", durations.stream().map(LiveDay.Duration::seconds).toArray(Integer[]::new))
			.param("liveSessions", durations.stream().mapToLong(LiveDay.Duration::sessions).toArray())
			.query((rs, n) -> {
				long[] row = new long[rs.getMetaData().getColumnCount()];
				for (int i = 0; i < row.length; i++) {
					row[i] = rs.getObject(i + 1) == null ? -1 : rs.getLong(i + 1);
				}
				return row;
			})
			.single();
	}

	/**
	 * Ended sessions counted by exit reason (the first ten) and by exit page (the first {@code top}), most first, both
	 * added up from the days' counts by (reason, page), the grain the rollup stores and a live day gives.
	 */
	Exits exits(Span span, int top) {
		List<LiveDay.Exit> exits = live(span, LiveDay::exits);
		List<Ranked> rows = spanned("""
				WITH exits AS MATERIALIZED (
				    SELECT exit_reason, exit_page, sessions AS n FROM daily_exits
				    WHERE date >= :storedFrom AND date < :storedUntil
				    UNION ALL
				    SELECT * FROM unnest(CAST(:liveReasons AS text[]), CAST(:livePages AS text[]),
				                         CAST(:liveSessions AS bigint[]))
				), reasons AS (
				    SELECT exit_reason AS name, sum(n) AS sessions FROM exits GROUP BY 1
				), pages AS (
				    SELECT exit_page AS name, sum(n) AS sessions FROM exits WHERE exit_page IS NOT NULL GROUP BY 1
				)
				SELECT * FROM (
				    SELECT TRUE AS reason, name, sessions,
				           row_number() OVER (ORDER BY sessions DESC, name COLLATE "C") AS rank FROM reasons
				    UNION ALL
				    SELECT FALSE, name, sessions,
				           row_number() OVER (ORDER BY sessions DESC, name COLLATE "C") FROM pages
				) ranked
				WHERE rank <= CASE WHEN reason THEN 10 ELSE :top END
				ORDER BY reason DESC, rank""", span)
			.param("liveReasons", exits.stream().map(LiveDay.Exit::reason).toArray(String[]::new))
			.param("livePages", exits.stream().map(LiveDay.Exit::page).toArray(String[]::new))
			.param("liveSessions", exits.stream().mapToLong(LiveDay.Exit::sessions).toArray())
			.param("top", top)
			.query((rs, n) -> new Ranked(rs.getBoolean("reason"),
					new Count(rs.getString("name"), rs.getLong("sessions"))))
			.list();
		return new Exits(rows.stream().filter(Ranked::reason).map(Ranked::count).toList(),
				rows.stream().filter(r -> !r.reason()).map(Ranked::count).toList());
	}

	private record Ranked(boolean reason, Count count) {
	}

	record Exits(List<Count> reasons, List<Count> pages) {
	}

	/** Workflows by abandoned sessions, most first: the stored days' and the {@code live} days' added up. */
	List<WorkflowAbandonment> abandonedWorkflows(Span span, List<LiveDays.Workflow> live, int top) {
		return spanned("""
				SELECT workflow_id, sum(started) AS started, sum(abandoned) AS abandoned FROM (
				    SELECT workflow_id, started, abandoned FROM daily_workflows
				    WHERE date >= :storedFrom AND date < :storedUntil
				    UNION ALL
				    SELECT * FROM unnest(CAST(:liveWorkflows AS text[]), CAST(:liveStarted AS bigint[]),
				                         CAST(:liveAbandoned AS bigint[]))
				) days
				GROUP BY 1 HAVING sum(abandoned) > 0
				ORDER BY 3 DESC, workflow_id COLLATE "C" LIMIT :top""", span)
			.param("liveWorkflows", live.stream().map(LiveDays.Workflow::workflowId).toArray(String[]::new))
			.param("liveStarted", live.stream().mapToLong(LiveDays.Workflow::started).toArray())
			.param("liveAbandoned", live.stream().mapToLong(LiveDays.Workflow::abandoned).toArray())
			.param("top", top)
			.query((rs, n) -> new WorkflowAbandonment(rs.getString("workflow_id"), rs.getLong("started"),
					rs.getLong("abandoned"), round4((double) rs.getLong("abandoned") / rs.getLong("started"))))
			.list();
	}

	/** Pairs over the days {@code [from, to]} as the daily rollup stored them. */
	Together together(LocalDate from, LocalDate to, double minSupport, int top) {
		var rows = this.jdbc.sql("""
				WITH usage AS (
				    SELECT action, sum(sessions) AS n FROM daily_action_usage
				    WHERE date BETWEEN :from AND :to GROUP BY action
				), pairs AS (
				    SELECT action_a, action_b, sum(sessions) AS n FROM daily_action_pairs
				    WHERE date BETWEEN :from AND :to GROUP BY action_a, action_b
				), total AS (
				    SELECT COALESCE(sum(total_sessions), 0) AS n FROM daily_session_stats
				    WHERE date BETWEEN :from AND :to
				)
				SELECT t.n AS total, p.action_a, p.action_b, p.n AS sessions, ua.n AS usage_a, ub.n AS usage_b
				FROM total t
				LEFT JOIN pairs p ON p.n >= :minSupport * t.n
				LEFT JOIN usage ua ON ua.action = p.action_a
				LEFT JOIN usage ub ON ub.action = p.action_b
				ORDER BY p.n::float8 * t.n / (ua.n * ub.n) DESC NULLS LAST, p.n DESC, p.action_a COLLATE "C",
				         p.action_b COLLATE "C"
				LIMIT :top""")
			.param("from", from)
			.param("to", to)
			.param("minSupport", minSupport)
			.param("top", top)
			.query((rs, n) -> new PairRow(rs.getLong("total"), rs.getString("action_a") == null ? null
					: pair(rs.getLong("total"), rs.getString("action_a"), rs.getString("action_b"),
							rs.getLong("sessions"), rs.getLong("usage_a"), rs.getLong("usage_b"))))
			.list();
		// The LEFT JOIN gives one row even without pairs, so the total always comes back.
		return new Together(rows.get(0).total(),
				rows.stream().map(PairRow::pair).filter(java.util.Objects::nonNull).toList());
	}

	private record PairRow(long total, ActionPair pair) {
	}

	private static ActionPair pair(long total, String a, String b, long both, long usageA, long usageB) {
		return new ActionPair(a, b, both, round4((double) both / total), round4((double) both / usageA),
				round4((double) both / usageB), round4((double) both * total / ((double) usageA * usageB)));
	}

	/**
	 * Distinct users with a session started in {@code [monthStart, end)}, and of those the ones with a session started
	 * in {@code [weekStart, end)} (within the month): one pass over the month, each user's latest start kept.
	 * @return {monthly, weekly}
	 */
	long[] activeUsers(Instant monthStart, Instant weekStart, Instant end) {
		// One hash entry a user: a month of 375 000 users takes some 25 MB, which PostgreSQL's default work_mem spills
		// to disk in batches (3.6-3.7 s over 5M sessions, against 2.9-3.1 s in memory). Lasts to the transaction's end.
		this.jdbc.sql("SET LOCAL work_mem = '64MB'").update();
		return range("""
				SELECT count(*) AS monthly, count(*) FILTER (WHERE latest >= :weekStart) AS weekly
				FROM (SELECT user_id, max(start_time) AS latest FROM user_sessions
				      WHERE start_time >= :from AND start_time < :to AND (:includeBots OR NOT is_bot)
				      GROUP BY user_id) users""", monthStart, end)
			.param("weekStart", utc(weekStart))
			.query((rs, n) -> new long[] { rs.getLong("monthly"), rs.getLong("weekly") })
			.single();
	}

	/** Users whose latest session started in {@code [from, to)}, by their stored user pattern. */
	List<Count> userPatterns(Instant from, Instant to) {
		return counts("""
				SELECT pattern AS name, count(*) AS sessions FROM user_patterns
				WHERE last_session_start >= :from AND last_session_start < :to
				GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT :top""", from, to, 10);
	}

	private List<Count> counts(String sql, Instant from, Instant to, int top) {
		return range(sql, from, to).param("top", top)
			.query((rs, n) -> new Count(rs.getString("name"), rs.getLong("sessions")))
			.list();
	}

	static double round4(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

	private static java.time.OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	record Together(long sessions, List<ActionPair> pairs) {
	}

}
