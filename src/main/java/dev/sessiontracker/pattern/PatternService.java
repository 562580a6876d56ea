package dev.sessiontracker.pattern;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sessiontracker.session.Session;
import dev.sessiontracker.session.SessionColumns;
import dev.sessiontracker.session.SessionService;

/** Classifies users (by their recent sessions) and ended sessions (by their events). */
@Service
public class PatternService {

	// A session that has timed out counts as ended, as the idle sweep will close it (SessionColumns).
	private static final String RECENT_SESSIONS = """
			SELECT CASE WHEN %1$s THEN %2$s ELSE 0 END AS duration, action_count, error_count, %1$s AS ended
			FROM user_sessions s WHERE user_id = :userId AND (:includeBots OR NOT is_bot)
			ORDER BY start_time DESC, id DESC LIMIT :window""".formatted(SessionColumns.ended("s", ":cutoff"),
			SessionColumns.durationSeconds("s", ":cutoff"));

	/*
	 * Every user with a session started since the cut-off, every user stored with an open session among their recent
	 * ones, and every user stored from sessions of which retention has removed some since (the earliest started before
	 * every session left) or stored before V8 recorded the earliest, with the totals the rules read from their `window`
	 * most recent sessions, ordered as RECENT_SESSIONS orders them: what UserPatternClassifier.Totals.of adds up in
	 * Java, added up here, so that one row a user leaves PostgreSQL. Each user's sessions are read through the index on
	 * (user_id, start_time DESC) and at most `window` of them, however long the user's history. The stored users come
	 * in by one branch a reason, each through its own index: joined by OR, the planner scans the whole table (it takes
	 * a third of the rows to start before the oldest session).
	 */
	private static final String RECENT_USERS = """
			WITH active AS (SELECT user_id FROM user_sessions WHERE start_time >= ? AND (? OR NOT is_bot)
			                UNION SELECT user_id FROM user_patterns WHERE open_sessions > 0
			                UNION SELECT user_id FROM user_patterns
			                      WHERE first_session_start < (SELECT min(start_time) FROM user_sessions)
			                UNION SELECT user_id FROM user_patterns WHERE first_session_start IS NULL)
			SELECT a.user_id, r.*
			FROM active a CROSS JOIN LATERAL (
			    SELECT count(*) AS sessions,
			           coalesce(sum(greatest(duration_seconds, 0)) FILTER (WHERE ended), 0) AS ended_seconds,
			           coalesce(sum(action_count), 0) AS actions,
			           count(*) FILTER (WHERE NOT ended) AS open_sessions,
			           coalesce((array_agg(error_count ORDER BY start_time DESC, id DESC))[1], 0) AS last_errors,
			           max(start_time) AS last_start, min(start_time) AS first_start
			    FROM (SELECT id, start_time, %s AS duration_seconds, action_count, error_count, %s AS ended
			          FROM user_sessions s WHERE s.user_id = a.user_id AND (? OR NOT s.is_bot)
			          ORDER BY start_time DESC, id DESC LIMIT ?) recent) r
			WHERE r.sessions > 0""".formatted(SessionColumns.durationSeconds("s", "?"), SessionColumns.ended("s", "?"));

	/*
	 * A chunk of users' patterns at once, from parallel arrays (user, pattern, confidence, latest start, open sessions
	 * among the recent ones, earliest start). A user's row is rewritten only when one of those changed (computed_at
	 * then says when): most users the job re-reads get the same answer, and an unchanged row left alone writes no new
	 * row version. A user whose latest session as read is gone by the time the chunk is stored (erased since the job
	 * read it) gets no row, even if they have started a session since: a pattern is never stored from sessions already
	 * erased.
	 */
	private static final String UPSERT = """
			INSERT INTO user_patterns AS old (user_id, pattern, confidence, last_session_start, open_sessions,
			                                  first_session_start, computed_at)
			SELECT u, p, c, l, o, f, ?
			FROM unnest(?::varchar[], ?::varchar[], ?::numeric[], ?::timestamptz[], ?::smallint[], ?::timestamptz[])
			     t(u, p, c, l, o, f)
			WHERE EXISTS (SELECT 1 FROM user_sessions s WHERE s.user_id = t.u AND s.start_time = t.l)
			ON CONFLICT (user_id) DO UPDATE SET pattern = EXCLUDED.pattern, confidence = EXCLUDED.confidence,
			    last_session_start = EXCLUDED.last_session_start, open_sessions = EXCLUDED.open_sessions,
			    first_session_start = EXCLUDED.first_session_start, computed_at = EXCLUDED.computed_at
			WHERE (old.pattern, old.confidence, old.last_session_start, old.open_sessions, old.first_session_start)
			      IS DISTINCT FROM (EXCLUDED.pattern, EXCLUDED.confidence, EXCLUDED.last_session_start,
			                        EXCLUDED.open_sessions, EXCLUDED.first_session_start)""";

	/*
	 * The stored patterns whose latest session started before every session left: retention has removed all the
	 * sessions each was computed from (the latest and the ones before it). Without this a user who never came back
	 * would keep a pattern after their sessions were gone, and one stored with an open session would be probed again
	 * on every run. Read through the indexes on start_time and last_session_start.
	 */
	private static final String FORGET_EXPIRED = """
			DELETE FROM user_patterns
			WHERE last_session_start < COALESCE((SELECT min(start_time) FROM user_sessions), 'infinity')""";

	private static final int CHUNK = 5_000;

	/*
	 * The advisory lock (a key no other code takes: "userpatt" in ASCII) that each chunk of the job holds while it
	 * stores patterns, and an erasure shares while it deletes (holdPatternWrites).
	 */
	static final long WRITE_LOCK = 0x7573_6572_7061_7474L;

	/** The job re-reads every user with a session started this long before its run, once a day at least. */
	static final Duration LOOK_BACK = Duration.ofDays(2);

	static final Duration FULL_EVERY = Duration.ofDays(1);

	/*
	 * How long before its previous run the job looks for new sessions: a session inserted by a transaction that
	 * began before that run's snapshot and committed after it, or by an instance whose clock is a little behind, has
	 * a start time before the run. ShedLock's lockAtLeastFor (five minutes by default) assumes as much skew.
	 */
	static final Duration MARGIN = Duration.ofMinutes(10);

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final SessionService sessions;

	private final PatternProperties properties;

	private final UserPatternClassifier users;

	private final SessionPatternClassifier sessionClassifier = new SessionPatternClassifier();

	private final Clock clock;

	/** Each chunk of patterns in a transaction of its own, so that an erasure waits for one chunk, not a run. */
	private final TransactionTemplate chunkTransaction;

	PatternService(JdbcClient jdbc, JdbcTemplate jdbcTemplate, SessionService sessions, PatternProperties properties,
			Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.sessions = sessions;
		this.properties = properties;
		this.users = new UserPatternClassifier(properties);
		this.clock = clock;
		this.chunkTransaction = new TransactionTemplate(transactions);
		this.chunkTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Transactional(readOnly = true)
	public UserPattern userPattern(String userId) {
		List<SessionSummary> recent = this.jdbc.sql(RECENT_SESSIONS)
			.param("userId", userId)
			.param("window", this.properties.window())
			.param("includeBots", this.properties.includeBots())
			.param("cutoff", this.sessions.idleCutoff().atOffset(ZoneOffset.UTC))
			.query((rs, n) -> summary(rs))
			.list();
		return this.users.classify(userId, recent);
	}

	/** @throws SessionStillOpenException while the session is open: a pattern describes a whole session */
	@Transactional(readOnly = true)
	public SessionPattern sessionPattern(UUID id) {
		Session session = this.sessions.get(id);
		if (!session.isEnded()) {
			throw new SessionStillOpenException(id);
		}
		List<EventFacts> events = this.jdbc.sql("""
				SELECT event_type, timestamp,
				       CASE WHEN event_type = 'page_view' THEN event_data->>'page' END AS page,
				       CASE WHEN event_type IN ('workflow_start', 'workflow_complete')
				            THEN event_data->>'workflowId' END AS workflow_id
				FROM session_events WHERE session_id = :id ORDER BY timestamp, id""")
			.param("id", id)
			.query((rs, n) -> new EventFacts(rs.getString("event_type"),
					rs.getObject("timestamp", OffsetDateTime.class).toInstant(), rs.getString("page"),
					rs.getString("workflow_id")))
			.list();
		return this.sessionClassifier.classify(session.duration(), events);
	}

	/**
	 * The hourly job: recomputes the stored pattern of every user whose recent sessions may have changed since its
	 * previous run. A session changes only while it is open (heartbeats, events and its end are refused once it has
	 * ended), so those users are the ones with a session started since that run, and the ones whose recent sessions
	 * held an open session then, which their stored row says; and the ones whose earliest recent session retention has
	 * removed since, which their stored row's earliest start says (retention deletes the oldest sessions first). The
	 * first run, a run with other thresholds, a run whose clock is behind the stored mark's, and a run more than {@link
	 * #FULL_EVERY} after the last full one re-read every user active in the last {@link #LOOK_BACK} instead, which also
	 * takes in sessions written by SQL imports; every run first forgets the stored patterns whose sessions retention
	 * has removed all of. Runs take turns on the stored mark, so two at once do not miss each other's users. The
	 * patterns are stored a chunk at a time, each chunk committed on its own under the lock an erasure waits for
	 * ({@link #holdPatternWrites()}); a run that fails part-way leaves the mark as it was, so the next run reads those
	 * users again.
	 * @return how many users were classified
	 */
	@Transactional
	public long refreshChangedUsers() {
		Instant now = this.clock.instant();
		String settings = this.properties.toString();
		Instant lookBack = now.minus(LOOK_BACK);
		Mark mark = lockMark().orElse(null);
		Instant since = lookBack;
		Instant lastFullRun = now;
		if (mark != null && mark.settings().equals(settings) && !mark.lastRun().isAfter(now)
				&& mark.lastFullRun().isAfter(now.minus(FULL_EVERY)) && mark.lastRun().minus(MARGIN).isAfter(lookBack)) {
			since = mark.lastRun().minus(MARGIN);
			lastFullRun = mark.lastFullRun();
		}
		long classified = classify(since, now);
		this.jdbc.sql("""
				INSERT INTO user_pattern_refresh (id, settings, last_run, last_full_run)
				VALUES (1, :settings, :lastRun, :lastFullRun)
				ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, last_run = EXCLUDED.last_run,
				    last_full_run = EXCLUDED.last_full_run""")
			.param("settings", settings)
			.param("lastRun", now.atOffset(ZoneOffset.UTC))
			.param("lastFullRun", lastFullRun.atOffset(ZoneOffset.UTC))
			.update();
		return classified;
	}

	/**
	 * Recomputes the stored pattern of every user with a session started since {@code since}, and of every user
	 * stored with an open session among their recent ones. It holds the job's mark locked meanwhile, as the job does,
	 * so that it takes turns with the job, and leaves the mark as it was.
	 * @return how many users were classified
	 */
	@Transactional
	public long refreshUsersActiveSince(Instant since) {
		lockMark();
		return classify(since, this.clock.instant());
	}

	/**
	 * Waits for a chunk of user patterns being stored now, and keeps the next one waiting until the caller's
	 * transaction ends. An erasure calls it before it deletes: the job may have read the user's sessions before the
	 * erasure, but it stores that user's pattern either in a chunk committed before the erasure's statement starts,
	 * which then deletes it, or in one that starts after the erasure committed, and finds the sessions it read gone.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void holdPatternWrites() {
		this.jdbc.sql("SELECT pg_advisory_xact_lock_shared(:key)").param("key", WRITE_LOCK).query().singleRow();
	}

	/*
	 * The job's mark, locked until the transaction ends: whatever classifies users holds it, so that runs take turns.
	 * Empty only if someone deleted the row V7 seeds.
	 */
	private Optional<Mark> lockMark() {
		return this.jdbc.sql("""
				SELECT settings, last_run, last_full_run FROM user_pattern_refresh WHERE id = 1 FOR UPDATE""")
			.query((rs, n) -> new Mark(rs.getString("settings"),
					rs.getObject("last_run", OffsetDateTime.class).toInstant(),
					rs.getObject("last_full_run", OffsetDateTime.class).toInstant()))
			.optional();
	}

	/*
	 * One row a user streams from PostgreSQL with the totals of their recent sessions, and the patterns go back CHUNK
	 * users a statement, so memory stays flat however many users were active.
	 */
	private long classify(Instant since, Instant now) {
		// Committed on its own, like a chunk: a chunk of this run may store one of these users again (a new session),
		// and would wait for the run's own transaction if that held the deleted rows.
		this.chunkTransaction.executeWithoutResult(status -> this.jdbc.sql(FORGET_EXPIRED).update());
		Upserts upserts = new Upserts(now);
		boolean includeBots = this.properties.includeBots();
		this.jdbcTemplate.query(connection -> {
			PreparedStatement ps = connection.prepareStatement(RECENT_USERS);
			ps.setFetchSize(CHUNK);
			OffsetDateTime cutoff = this.sessions.idleCutoff(now).atOffset(ZoneOffset.UTC);
			ps.setObject(1, since.atOffset(ZoneOffset.UTC));
			ps.setBoolean(2, includeBots);
			ps.setObject(3, cutoff);
			ps.setObject(4, cutoff);
			ps.setBoolean(5, includeBots);
			ps.setInt(6, this.properties.window());
			return ps;
		}, (RowCallbackHandler) rs -> {
			UserPatternClassifier.Totals totals = new UserPatternClassifier.Totals(rs.getInt("sessions"),
					rs.getLong("ended_seconds"), rs.getLong("actions"), rs.getInt("open_sessions"),
					rs.getInt("last_errors"));
			upserts.add(new Stored(this.users.classify(rs.getString("user_id"), totals),
					rs.getObject("last_start", OffsetDateTime.class), totals.open(),
					rs.getObject("first_start", OffsetDateTime.class)));
		});
		return upserts.finish();
	}

	/** Collects classified users and stores them a chunk at a time. */
	private final class Upserts {

		private final OffsetDateTime now;

		private final List<Stored> chunk = new ArrayList<>(CHUNK);

		private long classified;

		Upserts(Instant now) {
			this.now = now.atOffset(ZoneOffset.UTC);
		}

		void add(Stored pattern) {
			this.chunk.add(pattern);
			this.classified++;
			if (this.chunk.size() >= CHUNK) {
				flush();
			}
		}

		long finish() {
			flush();
			return this.classified;
		}

		private void flush() {
			if (this.chunk.isEmpty()) {
				return;
			}
			PatternService.this.chunkTransaction.executeWithoutResult(status -> store());
			this.chunk.clear();
		}

		private void store() {
			PatternService.this.jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
				.param("key", WRITE_LOCK)
				.query()
				.singleRow();
			PatternService.this.jdbcTemplate.update(connection -> {
				PreparedStatement ps = connection.prepareStatement(UPSERT);
				ps.setObject(1, this.now);
				ps.setArray(2, text(connection, s -> s.pattern().userId()));
				ps.setArray(3, text(connection, s -> s.pattern().pattern().value()));
				ps.setArray(4, text(connection, s -> Double.toString(s.pattern().confidence())));
				ps.setArray(5, text(connection, s -> s.lastStart().toString()));
				ps.setArray(6, text(connection, s -> Integer.toString(s.openSessions())));
				ps.setArray(7, text(connection, s -> s.firstStart().toString()));
				return ps;
			});
		}

		/** One column of the chunk, as a text array for {@code unnest}. */
		private Array text(Connection connection, Function<Stored, String> column) throws SQLException {
			return connection.createArrayOf("text", this.chunk.stream().map(column).toArray(String[]::new));
		}

	}

	private record Stored(UserPattern pattern, OffsetDateTime lastStart, int openSessions,
			OffsetDateTime firstStart) {
	}

	/** The job's previous run, as stored: the thresholds it used, when it ran, when it last re-read everyone. */
	private record Mark(String settings, Instant lastRun, Instant lastFullRun) {
	}

	private static SessionSummary summary(ResultSet rs) throws SQLException {
		return new SessionSummary(rs.getLong("duration"), rs.getInt("action_count"), rs.getInt("error_count"),
				rs.getBoolean("ended"));
	}

}
