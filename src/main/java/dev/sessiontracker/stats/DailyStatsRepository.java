package dev.sessiontracker.stats;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The daily aggregate in SQL: one statement per day over the start_time index, never rows in Java. */
@Repository
class DailyStatsRepository {

	// Ties in the most common pages go to the first in code-point order (COLLATE "C"), the same on every database.
	// Unique users are counted by hashing (SELECT DISTINCT) rather than count(DISTINCT), which sorts the whole day.
	private static final String AGGREGATE = """
			WITH day AS (
			    SELECT user_id, end_time, duration_seconds, action_count, error_count, entry_page, exit_page
			    FROM user_sessions WHERE start_time >= :from AND start_time < :to AND (:includeBots OR NOT is_bot)
			)
			SELECT CAST(:date AS date) AS date,
			       count(*) AS total_sessions,
			       (SELECT count(*) FROM (SELECT DISTINCT user_id FROM day) users) AS unique_users,
			       round(avg(duration_seconds) FILTER (WHERE end_time IS NOT NULL)) AS avg_duration_seconds,
			       CASE WHEN count(*) = 0 THEN 0 ELSE round(100.0 * count(*) FILTER (
			           WHERE end_time IS NOT NULL AND duration_seconds < 30 AND action_count <= 1) / count(*), 2)
			       END AS bounce_rate,
			       CASE WHEN count(*) = 0 THEN 0
			            ELSE round(100.0 * count(*) FILTER (WHERE error_count > 0) / count(*), 2) END AS error_rate,
			       (SELECT entry_page FROM day WHERE entry_page IS NOT NULL
			        GROUP BY entry_page ORDER BY count(*) DESC, entry_page COLLATE "C" LIMIT 1) AS most_common_entry,
			       (SELECT exit_page FROM day WHERE end_time IS NOT NULL AND exit_page IS NOT NULL
			        GROUP BY exit_page ORDER BY count(*) DESC, exit_page COLLATE "C" LIMIT 1) AS most_common_exit
			FROM day""";

	private static final String UPSERT = """
			INSERT INTO daily_session_stats AS s (date, total_sessions, unique_users, avg_duration_seconds,
			    bounce_rate, error_rate, most_common_entry, most_common_exit, breakdowns_stored)
			SELECT *, TRUE FROM (
			""" + AGGREGATE + """

			) aggregate
			ON CONFLICT (date) DO UPDATE SET
			    total_sessions = EXCLUDED.total_sessions, unique_users = EXCLUDED.unique_users,
			    avg_duration_seconds = EXCLUDED.avg_duration_seconds, bounce_rate = EXCLUDED.bounce_rate,
			    error_rate = EXCLUDED.error_rate, most_common_entry = EXCLUDED.most_common_entry,
			    most_common_exit = EXCLUDED.most_common_exit, breakdowns_stored = TRUE
			RETURNING *""";

	// The breakdowns the activity, stay and leave insights add up over a range: one pass over the day's sessions
	// counts hours, durations and exits (grouping sets, all three hashed; grouping() tells them apart, as their keys
	// may be NULL). OFFSET 0 keeps the planner from estimating the hour's groups from start_time's distinct values,
	// a million on a busy day, which made it sort the day for them instead (0.85 s against 0.69 s for 1M sessions).
	private static final String INSERT_BREAKDOWNS = """
			WITH counted AS MATERIALIZED (
			    SELECT grouping(hour, ended, d, reason, page) AS set, hour, ended, d, reason, page, count(*) AS n
			    FROM (SELECT date_part('hour', start_time AT TIME ZONE :zone) AS hour, end_time IS NOT NULL AS ended,
			                 duration_seconds AS d, exit_reason AS reason, exit_page AS page
			          FROM user_sessions
			          WHERE start_time >= :from AND start_time < :to AND (:includeBots OR NOT is_bot)
			          OFFSET 0) day
			    GROUP BY GROUPING SETS ((hour), (ended, d), (ended, reason, page))
			), hours AS (
			    -- an hour that occurs twice (the end of summer time) counts as one
			    INSERT INTO daily_hours (date, hour, sessions)
			    SELECT CAST(:date AS date), hour, n FROM counted WHERE set = 15
			), durations AS (
			    INSERT INTO daily_durations (date, duration_seconds, sessions)
			    SELECT CAST(:date AS date), d, n FROM counted WHERE set = 19 AND ended
			), exits AS (
			    INSERT INTO daily_exits (date, exit_reason, exit_page, sessions)
			    SELECT CAST(:date AS date), reason, page, n FROM counted WHERE set = 20 AND ended
			)
			INSERT INTO daily_workflows (date, workflow_id, started, abandoned)
			SELECT CAST(:date AS date), w.workflow_id, count(*), count(*) FILTER (WHERE w.completed_at IS NULL)
			FROM user_sessions s JOIN workflow_executions w ON w.session_id = s.id
			WHERE s.start_time >= :from AND s.start_time < :to AND s.end_time IS NOT NULL
			  AND w.started_at IS NOT NULL AND (:includeBots OR NOT s.is_bot)
			GROUP BY w.workflow_id""";

	// Sessions are grouped by their set of actions (kept sorted by ingestion, in code-point order), so usage and pairs
	// come from a few hundred distinct sets weighted by how many sessions had each, not from the day's events. Only
	// sessions whose set was not kept (imports, rows from before it was) read their events, one index range each.
	private static final String INSERT_USAGE_AND_PAIRS = """
			WITH day AS (
			    SELECT id, action_types FROM user_sessions
			    WHERE start_time >= :from AND start_time < :to AND (:includeBots OR NOT is_bot)
			), sets AS MATERIALIZED (
			    SELECT actions, sum(n) AS sessions FROM (
			        SELECT action_types AS actions, count(*) AS n FROM day WHERE action_types IS NOT NULL
			        GROUP BY action_types
			        UNION ALL
			        SELECT ARRAY(SELECT DISTINCT e.event_type::text COLLATE "C" FROM session_events e
			                     WHERE e.session_id = day.id ORDER BY 1), 1
			        FROM day WHERE action_types IS NULL
			    ) counted
			    GROUP BY actions
			), usage AS (
			    INSERT INTO daily_action_usage (date, action, sessions)
			    SELECT CAST(:date AS date), a, sum(sessions) FROM sets, unnest(actions) a GROUP BY a
			)
			INSERT INTO daily_action_pairs (date, action_a, action_b, sessions)
			SELECT CAST(:date AS date), actions[i], actions[j], sum(sessions)
			FROM sets, generate_subscripts(actions, 1) i, generate_subscripts(actions, 1) j
			WHERE i < j
			GROUP BY actions[i], actions[j]""";

	/** What the rollup stores per day besides the day's row in daily_session_stats. */
	private static final List<String> PER_DAY_TABLES = List.of("daily_action_usage", "daily_action_pairs",
			"daily_hours", "daily_durations", "daily_exits", "daily_workflows");

	private final JdbcClient jdbc;

	private final boolean includeBots;

	DailyStatsRepository(JdbcClient jdbc, StatsProperties properties) {
		this.jdbc = jdbc;
		this.includeBots = properties.includeBots();
	}

	/** Computes the day without storing it. */
	DailyStats compute(LocalDate date, ZoneId zone) {
		return dayQuery(AGGREGATE, date, zone);
	}

	/**
	 * Computes the day and stores it with its action usage and pairs and its breakdowns, replacing what was stored
	 * before: running it twice gives the same rows. Call within a transaction.
	 */
	DailyStats upsert(LocalDate date, ZoneId zone) {
		for (String table : PER_DAY_TABLES) {
			this.jdbc.sql("DELETE FROM " + table + " WHERE date = :date").param("date", date).update();
		}
		dayStatement(INSERT_USAGE_AND_PAIRS, date, zone).update();
		dayStatement(INSERT_BREAKDOWNS, date, zone).param("zone", zone.getId()).update();
		return dayQuery(UPSERT, date, zone);
	}

	private DailyStats dayQuery(String sql, LocalDate date, ZoneId zone) {
		return dayStatement(sql, date, zone).query(DailyStatsRepository::map).single();
	}

	private JdbcClient.StatementSpec dayStatement(String sql, LocalDate date, ZoneId zone) {
		return this.jdbc.sql(sql)
			.param("date", date)
			.param("from", utc(date.atStartOfDay(zone).toInstant()))
			.param("to", utc(date.plusDays(1).atStartOfDay(zone).toInstant()))
			.param("includeBots", this.includeBots);
	}

	List<DailyStats> findStored(LocalDate from, LocalDate to) {
		return this.jdbc.sql("SELECT * FROM daily_session_stats WHERE date BETWEEN :from AND :to ORDER BY date")
			.param("from", from)
			.param("to", to)
			.query(DailyStatsRepository::map)
			.list();
	}

	/**
	 * Days from the oldest stored session up to {@code last} that have no stored row, or (after {@code oldestKept},
	 * whose sessions are all still there) a row stored without its breakdowns, before they existed.
	 */
	List<LocalDate> findMissingDays(LocalDate last, LocalDate oldestKept, ZoneId zone) {
		return this.jdbc.sql("""
				SELECT d::date AS day FROM generate_series(
				    (SELECT (min(start_time) AT TIME ZONE :zone)::date FROM user_sessions),
				    CAST(:last AS date), interval '1 day') AS d
				WHERE NOT EXISTS (SELECT 1 FROM daily_session_stats s
				                  WHERE s.date = d::date AND (s.breakdowns_stored OR d <= :oldestKept))
				ORDER BY 1""")
			.param("zone", zone.getId())
			.param("last", last)
			.param("oldestKept", oldestKept)
			.query((rs, n) -> rs.getObject("day", LocalDate.class))
			.list();
	}

	private static DailyStats map(ResultSet rs, int row) throws SQLException {
		return new DailyStats(rs.getObject("date", LocalDate.class), rs.getInt("total_sessions"),
				rs.getInt("unique_users"), rs.getObject("avg_duration_seconds") == null ? null
						: rs.getBigDecimal("avg_duration_seconds").intValueExact(),
				rs.getBigDecimal("bounce_rate").setScale(2), rs.getBigDecimal("error_rate").setScale(2),
				rs.getString("most_common_entry"), rs.getString("most_common_exit"));
	}

	private static java.time.OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
