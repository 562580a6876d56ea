package dev.sessiontracker.stats;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.sessiontracker.event.WorkflowColumns;
import dev.sessiontracker.shared.PostgresZone;

/** The daily aggregate in SQL: one statement per day over the start_time index, never rows in Java. */
@Repository
class DailyStatsRepository {

	// The day's sessions counted once, by each grouping that the day's row and its breakdowns need: one scan, every
	// grouping set hashed in the same pass (with the rollup's work_mem; grouping sets do not run in parallel
	// workers), instead of a scan per statement. A 1M-session day: 2.2 s for everything the rollup stores, against
	// 4.5 s for three statements each reading the day. `set` names the grouping set a row belongs to, since the
	// keys themselves may be NULL. OFFSET 0 keeps the planner from estimating the hours' groups from start_time's
	// distinct values (a million on a busy day), which made it sort the day for them. The actions' set groups each
	// session whose set of actions was not kept (imports, rows from before it was) on its own, by its id.
	private static final String COUNTED = counted(true);

	/**
	 * The count above; {@code actions} adds the grouping by each session's set of actions, which the rollup stores
	 * and the day's row does not read (without it a live day of 1.26M sessions counts in 0.8-0.9 of the time).
	 */
	private static String counted(boolean actions) {
		String columns = actions ? " actions, unkept," : "";
		String values = actions
				? ", action_types AS actions, CASE WHEN action_types IS NULL THEN id END AS unkept" : "";
		String sets = actions ? ", (actions, unkept)" : "";
		return """
				counted AS MATERIALIZED (
				    SELECT CASE WHEN grouping(hour) = 0 THEN 'hour' WHEN grouping(d) = 0 THEN 'duration'
				                WHEN grouping(page) = 0 THEN 'exit' WHEN grouping(entry) = 0 THEN 'entry'
				                WHEN grouping(user_id) = 0 THEN 'user' ELSE 'actions' END AS set,
				           hour, ended, d, reason, page, entry,%s count(*) AS n,
				           count(*) FILTER (WHERE bounce) AS bounces, count(*) FILTER (WHERE errors) AS with_errors
				    FROM (SELECT date_part('hour', start_time AT TIME ZONE :localZone) AS hour,
				                 end_time IS NOT NULL AS ended, duration_seconds AS d, exit_reason AS reason,
				                 exit_page AS page, entry_page AS entry, user_id,
				                 end_time IS NOT NULL AND duration_seconds < 30 AND action_count <= 1 AS bounce,
				                 error_count > 0 AS errors%s
				          FROM user_sessions
				          WHERE start_time >= :from AND start_time < :to AND (:includeBots OR NOT is_bot)
				          OFFSET 0) day
				    GROUP BY GROUPING SETS ((hour), (ended, d), (ended, reason, page), (entry), (user_id)%s)
				)""".formatted(columns, values, sets);
	}

	// The day's row from the counts above, by the contract's definitions. Ties in the most common pages go to the
	// first in code-point order (COLLATE "C"), the same on every database. The mean duration divides the same sum
	// by the same count as avg() would, so it rounds the same.
	private static final String DAY_ROW = """
			SELECT CAST(:date AS date) AS date,
			       CAST(COALESCE(sum(n) FILTER (WHERE set = 'hour'), 0) AS integer) AS total_sessions,
			       CAST(count(*) FILTER (WHERE set = 'user') AS integer) AS unique_users,
			       round(sum(d::numeric * n) FILTER (WHERE set = 'duration' AND ended AND d IS NOT NULL)
			             / sum(n) FILTER (WHERE set = 'duration' AND ended AND d IS NOT NULL)) AS avg_duration_seconds,
			       COALESCE(round(100.0 * sum(bounces) FILTER (WHERE set = 'hour')
			                      / sum(n) FILTER (WHERE set = 'hour'), 2), 0) AS bounce_rate,
			       COALESCE(round(100.0 * sum(with_errors) FILTER (WHERE set = 'hour')
			                      / sum(n) FILTER (WHERE set = 'hour'), 2), 0) AS error_rate,
			       (SELECT entry FROM counted WHERE set = 'entry' AND entry IS NOT NULL
			        ORDER BY n DESC, entry COLLATE "C" LIMIT 1) AS most_common_entry,
			       (SELECT page FROM counted WHERE set = 'exit' AND ended AND page IS NOT NULL
			        GROUP BY page ORDER BY sum(n) DESC, page COLLATE "C" LIMIT 1) AS most_common_exit
			FROM counted""";

	// The day's row and, from the same count, the breakdowns the insights add to the stored days', as arrays in one
	// row (each pair or triple ordered alike by its group's key, unique within the set).
	private static final String LIVE = "WITH " + counted(false) + ", day_row AS (\n" + DAY_ROW + """
			)
			SELECT day_row.*, breakdowns.* FROM day_row, (
			    SELECT array_agg(hour::integer ORDER BY hour) FILTER (WHERE set = 'hour') AS hours,
			           array_agg(n ORDER BY hour) FILTER (WHERE set = 'hour') AS hour_sessions,
			           array_agg(d ORDER BY d) FILTER (WHERE set = 'duration' AND ended) AS durations,
			           array_agg(n ORDER BY d) FILTER (WHERE set = 'duration' AND ended) AS duration_sessions,
			           array_agg(reason ORDER BY reason, page) FILTER (WHERE set = 'exit' AND ended) AS exit_reasons,
			           array_agg(page ORDER BY reason, page) FILTER (WHERE set = 'exit' AND ended) AS exit_pages,
			           array_agg(n ORDER BY reason, page) FILTER (WHERE set = 'exit' AND ended) AS exit_sessions
			    FROM counted WHERE set IN ('hour', 'duration', 'exit')
			) breakdowns""";

	// The workflows started in the day's ended sessions, and how many of them never completed: stored by the rollup,
	// counted live for a day not stored yet. The day's workflows are a range of their sessions' start (V9), so a day
	// reads its own, not every stored one; rows whose session start is unknown (written by SQL that does not know the
	// column) are read too, and the join keeps the day's ended sessions, as before.
	private static final String WORKFLOWS = """
			SELECT w.workflow_id, count(*) AS started, count(*) FILTER (WHERE %s) AS abandoned
			FROM user_sessions s JOIN workflow_executions w ON w.session_id = s.id
			WHERE (w.session_start >= :from AND w.session_start < :to OR w.session_start IS NULL)
			  AND s.start_time >= :from AND s.start_time < :to AND s.end_time IS NOT NULL
			  AND w.started_at IS NOT NULL AND (:includeBots OR NOT s.is_bot)
			GROUP BY w.workflow_id""".formatted(WorkflowColumns.abandoned("w"));

	// Everything the rollup stores for the day, from the one count: the day's row with the zone it was computed in
	// (V11), the breakdowns the activity, stay and leave insights add up over a range, and the action usage and pairs
	// behind feature co-usage. Usage and pairs come from the day's distinct sets of actions (kept sorted by ingestion,
	// in code-point order; a few hundred) weighted by how many sessions had each, not from the day's events; only
	// sessions whose set was not kept read their events, one index range each. Workflows are the day's ended sessions'
	// workflow executions.
	private static final String UPSERT = "WITH " + COUNTED + """
			, sets AS MATERIALIZED (
			    SELECT actions, sum(n) AS sessions FROM (
			        SELECT actions, n FROM counted WHERE set = 'actions' AND actions IS NOT NULL
			        UNION ALL
			        SELECT ARRAY(SELECT DISTINCT e.event_type::text COLLATE "C" FROM session_events e
			                     WHERE e.session_id = counted.unkept ORDER BY 1), 1
			        FROM counted WHERE set = 'actions' AND actions IS NULL
			    ) kept
			    GROUP BY actions
			), usage AS (
			    INSERT INTO daily_action_usage (date, action, sessions)
			    SELECT CAST(:date AS date), a, sum(sessions) FROM sets, unnest(actions) a GROUP BY a
			), pairs AS (
			    INSERT INTO daily_action_pairs (date, action_a, action_b, sessions)
			    SELECT CAST(:date AS date), actions[i], actions[j], sum(sessions)
			    FROM sets, generate_subscripts(actions, 1) i, generate_subscripts(actions, 1) j
			    WHERE i < j
			    GROUP BY actions[i], actions[j]
			), hours AS (
			    -- an hour that occurs twice (the end of summer time) counts as one
			    INSERT INTO daily_hours (date, hour, sessions)
			    SELECT CAST(:date AS date), hour, n FROM counted WHERE set = 'hour'
			), durations AS (
			    INSERT INTO daily_durations (date, duration_seconds, sessions)
			    SELECT CAST(:date AS date), d, n FROM counted WHERE set = 'duration' AND ended
			), exits AS (
			    INSERT INTO daily_exits (date, exit_reason, exit_page, sessions)
			    SELECT CAST(:date AS date), reason, page, n FROM counted WHERE set = 'exit' AND ended
			), workflows AS (
			    INSERT INTO daily_workflows (date, workflow_id, started, abandoned)
			    SELECT CAST(:date AS date), workflow_id, started, abandoned FROM (
			""" + WORKFLOWS + """

			    ) day_workflows
			)
			INSERT INTO daily_session_stats AS s (date, total_sessions, unique_users, avg_duration_seconds,
			    bounce_rate, error_rate, most_common_entry, most_common_exit, breakdowns_stored, zone, computed_at,
			    open_sessions)
			SELECT *, TRUE, CAST(:zone AS text), CAST(:now AS timestamptz),
			       (SELECT CAST(COALESCE(sum(n), 0) AS integer) FROM counted WHERE set = 'duration' AND NOT ended)
			FROM (
			""" + DAY_ROW + """

			) day_row
			ON CONFLICT (date) DO UPDATE SET
			    total_sessions = EXCLUDED.total_sessions, unique_users = EXCLUDED.unique_users,
			    avg_duration_seconds = EXCLUDED.avg_duration_seconds, bounce_rate = EXCLUDED.bounce_rate,
			    error_rate = EXCLUDED.error_rate, most_common_entry = EXCLUDED.most_common_entry,
			    most_common_exit = EXCLUDED.most_common_exit, breakdowns_stored = TRUE, zone = EXCLUDED.zone,
			    computed_at = EXCLUDED.computed_at, open_sessions = EXCLUDED.open_sessions
			RETURNING *""";

	// The count's hash tables in memory: a 1M-session day of 200 000 users takes some 20 MB, beyond the default
	// 4 MB, with which the planner sorts the day for its hours and users instead (3.5 s against 2.2 s).
	private static final String WORK_MEM = "SET LOCAL work_mem = '64MB'";

	// No JIT for the rollup: the planner's estimate for the pairs (generate_subscripts counts 1 000 subscripts a set)
	// passes the thresholds for inlining and optimising, which took 0.8 s a rollup, more than the compiled code saved.
	// On PostgreSQL 15: a 1M-session day 1.9 s against 2.3 s, a day of 33 000 sessions 0.5 s against 1.4 s.
	private static final String NO_JIT = "SET LOCAL jit = off";

	// A live day's workflows join their sessions: with PostgreSQL's default random_page_cost (4, for spinning disks)
	// the planner reads the whole session table to find the day's ended sessions instead of the day's range of its
	// start-time index, whose rows lie together (time-ordered ids). On the benchmark's 5M sessions, today holding
	// 1.22M: 0.96-1.06 s against 1.64-1.96 s. 1.1 is the usual setting for data on SSDs or in memory. The rollup's
	// day, in one statement with the day's count, took the same time either way, so it keeps the default.
	private static final String INDEX_COSTS = "SET LOCAL random_page_cost = 1.1";

	/**
	 * The advisory locks (keys of two integers: this, "days" in ASCII, and the day) that make two rollups of one day
	 * take turns: the job, the retention job's own call of it (under another ShedLock lock), a POST of the day. Else
	 * the second deletes the per-day rows as they were before the first committed, then inserts beside the first's
	 * rows: a key violation in daily_hours, or duplicates in daily_durations and daily_exits, which have no key.
	 */
	private static final int DAY_LOCKS = 0x6461_7973;

	/** What the rollup stores per day besides the day's row in daily_session_stats. */
	private static final List<String> PER_DAY_TABLES = List.of("daily_action_usage", "daily_action_pairs",
			"daily_hours", "daily_durations", "daily_exits", "daily_workflows");

	private final JdbcClient jdbc;

	private final boolean includeBots;

	DailyStatsRepository(JdbcClient jdbc, StatsProperties properties) {
		this.jdbc = jdbc;
		this.includeBots = properties.includeBots();
	}

	/** Counts the day's sessions as they are now, storing nothing. Call within a transaction. */
	LiveDay live(LocalDate date, ZoneId zone) {
		this.jdbc.sql(WORK_MEM).update();
		return dayStatement(LIVE, date, zone).query((rs, row) -> {
			Object[] hours = array(rs, "hours");
			Object[] hourSessions = array(rs, "hour_sessions");
			Object[] durations = array(rs, "durations");
			Object[] durationSessions = array(rs, "duration_sessions");
			Object[] reasons = array(rs, "exit_reasons");
			Object[] pages = array(rs, "exit_pages");
			Object[] exitSessions = array(rs, "exit_sessions");
			return new LiveDay(map(rs, row),
					IntStream.range(0, hours.length)
						.mapToObj(i -> new LiveDay.Hour((Integer) hours[i], (Long) hourSessions[i]))
						.toList(),
					IntStream.range(0, durations.length)
						.mapToObj(i -> new LiveDay.Duration((Integer) durations[i], (Long) durationSessions[i]))
						.toList(),
					IntStream.range(0, reasons.length)
						.mapToObj(i -> new LiveDay.Exit((String) reasons[i], (String) pages[i],
								(Long) exitSessions[i]))
						.toList());
		}).single();
	}

	/**
	 * The workflows started in the day's ended sessions as they are now, storing nothing. Call within a transaction.
	 */
	List<LiveDays.Workflow> liveWorkflows(LocalDate date, ZoneId zone) {
		this.jdbc.sql(INDEX_COSTS).update();
		return dayStatement(WORKFLOWS, date, zone)
			.query((rs, row) -> new LiveDays.Workflow(rs.getString("workflow_id"), rs.getLong("started"),
					rs.getLong("abandoned")))
			.list();
	}

	/**
	 * Gives up to {@code chunk} workflow rows without their session's start (stored before V9, or written by SQL
	 * that does not know the column) that start, which {@link #WORKFLOWS} reads them by; rows that another
	 * transaction holds (ingestion, an erasure) are left for the next call, and rows without a session are left alone.
	 * @return how many rows it gave it
	 */
	int fillWorkflowSessionStarts(int chunk) {
		return this.jdbc.sql("""
				WITH chunk AS (
				    SELECT w.session_id, w.workflow_id, s.start_time
				    FROM workflow_executions w JOIN user_sessions s ON s.id = w.session_id
				    WHERE w.session_start IS NULL
				    ORDER BY w.session_start -- all NULL: it makes the index on it the way in, whatever the statistics
				    LIMIT :chunk
				    FOR UPDATE OF w SKIP LOCKED
				)
				UPDATE workflow_executions w SET session_start = chunk.start_time FROM chunk
				WHERE w.session_id = chunk.session_id AND w.workflow_id = chunk.workflow_id""")
			.param("chunk", chunk)
			.update();
	}

	/**
	 * Computes the day and stores it with its action usage and pairs and its breakdowns, replacing what was stored
	 * before: running it twice gives the same rows. Call within a transaction.
	 */
	DailyStats upsert(LocalDate date, ZoneId zone, Instant now) {
		lockDay(date);
		this.jdbc.sql(WORK_MEM).update();
		this.jdbc.sql(NO_JIT).update();
		deleteBreakdowns(date);
		return dayStatement(UPSERT, date, zone).param("now", utc(now)).query(DailyStatsRepository::map).single();
	}

	/**
	 * Deletes the day's row and breakdowns, so that reads count it live until it is computed again. Call within a
	 * transaction: a rollup of the day waits for it, and then reads what it committed.
	 */
	void delete(LocalDate date) {
		lockDay(date);
		deleteBreakdowns(date);
		this.jdbc.sql("DELETE FROM daily_session_stats WHERE date = :date").param("date", date).update();
	}

	/** Keeps every other writer of the day's rows waiting until this transaction ends. */
	private void lockDay(LocalDate date) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(:days, :day)")
			.param("days", DAY_LOCKS)
			.param("day", Math.toIntExact(date.toEpochDay()))
			.query()
			.singleRow();
	}

	private void deleteBreakdowns(LocalDate date) {
		for (String table : PER_DAY_TABLES) {
			this.jdbc.sql("DELETE FROM " + table + " WHERE date = :date").param("date", date).update();
		}
	}

	/** The sessions that started on {@code date} in {@code zone}, as the day's row counts them. */
	long countSessions(LocalDate date, ZoneId zone) {
		return dayStatement("""
				SELECT count(*) FROM user_sessions
				WHERE start_time >= :from AND start_time < :to AND (:includeBots OR NOT is_bot)""", date, zone)
			.query(Long.class)
			.single();
	}

	/** Whether retention has deleted sessions of the day since its row was stored (V14; false without a row). */
	boolean isRetentionTrimmed(LocalDate date) {
		return this.jdbc.sql("SELECT retention_trimmed FROM daily_session_stats WHERE date = :date")
			.param("date", date)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** The days (in {@code zone}) on which the user's sessions started. */
	List<LocalDate> findDaysOfUser(String userId, ZoneId zone) {
		return this.jdbc.sql("""
				SELECT DISTINCT CAST(start_time AT TIME ZONE :zone AS date) FROM user_sessions WHERE user_id = :userId""")
			.param("zone", PostgresZone.of(zone))
			.param("userId", userId)
			.query(LocalDate.class)
			.list();
	}

	/** A statement over the sessions that started on {@code date} in {@code zone}, bots left out if so configured. */
	private JdbcClient.StatementSpec dayStatement(String sql, LocalDate date, ZoneId zone) {
		return this.jdbc.sql(sql)
			.param("date", date)
			.param("from", utc(date.atStartOfDay(zone).toInstant()))
			.param("to", utc(date.plusDays(1).atStartOfDay(zone).toInstant()))
			.param("includeBots", this.includeBots)
			.param("zone", zone.getId())
			.param("localZone", PostgresZone.of(zone));
	}

	/** The array in {@code column}, empty when the day has no element of it (array_agg gives NULL). */
	private static Object[] array(ResultSet rs, String column) throws SQLException {
		java.sql.Array array = rs.getArray(column);
		return array == null ? new Object[0] : (Object[]) array.getArray();
	}

	/**
	 * The stored rows of the days {@code [from, to]} that are final: not computed before their day ended in {@code
	 * zone} (today so far, as the hourly rollup left it), which reads count live until the rollup has computed them
	 * again.
	 */
	List<DailyStats> findFinal(LocalDate from, LocalDate to, ZoneId zone) {
		return this.jdbc.sql("""
				SELECT * FROM daily_session_stats
				WHERE date BETWEEN :from AND :to AND NOT %s
				ORDER BY date""".formatted(LiveDays.COMPUTED_BEFORE_ITS_END))
			.param("from", from)
			.param("to", to)
			.param("localZone", PostgresZone.of(zone))
			.query(DailyStatsRepository::map)
			.list();
	}

	/**
	 * Stored days after {@code oldestKept} up to {@code last} that are to be computed again: computed before their day
	 * ended, or while some of their sessions were open (a downtime of days left them as they were then).
	 */
	List<LocalDate> findUnfinishedDays(LocalDate last, LocalDate oldestKept, ZoneId zone) {
		return this.jdbc.sql("""
				SELECT date FROM daily_session_stats
				WHERE date > :oldestKept AND date <= :last AND (open_sessions > 0 OR %s)
				ORDER BY date""".formatted(LiveDays.COMPUTED_BEFORE_ITS_END))
			.param("oldestKept", oldestKept)
			.param("last", last)
			.param("localZone", PostgresZone.of(zone))
			.query(LocalDate.class)
			.list();
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
			.param("zone", PostgresZone.of(zone))
			.param("last", last)
			.param("oldestKept", oldestKept)
			.query((rs, n) -> rs.getObject("day", LocalDate.class))
			.list();
	}

	/**
	 * Stored days after {@code oldestKept} (whose sessions are all still there) up to {@code last} that were computed
	 * in another zone than {@code zone}, or in one not recorded (NULL, see V11): the newest {@code limit} of them.
	 */
	List<LocalDate> findDaysOfOtherZones(LocalDate last, LocalDate oldestKept, ZoneId zone, int limit) {
		return this.jdbc.sql("""
				SELECT date FROM daily_session_stats
				WHERE date > :oldestKept AND date <= :last AND zone IS DISTINCT FROM :zone
				ORDER BY date DESC LIMIT :limit""")
			.param("oldestKept", oldestKept)
			.param("last", last)
			.param("zone", zone.getId())
			.param("limit", limit)
			.query(LocalDate.class)
			.list();
	}

	private static DailyStats map(ResultSet rs, int row) throws SQLException {
		return new DailyStats(rs.getObject("date", LocalDate.class), rs.getInt("total_sessions"),
				rs.getInt("unique_users"), rs.getObject("avg_duration_seconds") == null ? null
						: rs.getBigDecimal("avg_duration_seconds").intValueExact(),
				rate(rs.getBigDecimal("bounce_rate")), rate(rs.getBigDecimal("error_rate")),
				rs.getString("most_common_entry"), rs.getString("most_common_exit"));
	}

	/** A stored rate with two decimals; a row imported without one (the seed's column is nullable) reads 0.00. */
	private static BigDecimal rate(BigDecimal stored) {
		return (stored != null) ? stored.setScale(2) : BigDecimal.ZERO.setScale(2);
	}

	private static java.time.OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
