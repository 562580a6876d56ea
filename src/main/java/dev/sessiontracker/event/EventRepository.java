package dev.sessiontracker.event;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Events and workflows in SQL. Ingestion is one statement per request, whatever the batch size: it locks the
 * session row (only if open and unexpired), inserts the events with duplicates dropped by their key, records
 * workflows, and moves the session's counters, and its last activity, by what was really inserted (a request of
 * duplicates only is a retry, not activity). The session's set of action types grows
 * by the batch's new ones (kept sorted); a NULL set (a row not written by this service) stays NULL, since its events
 * before this batch are unknown here.
 */
@Repository
class EventRepository {

	// Rows a cursor over a session's events fetches at a time: an event holds at most 8 KiB of data.
	private static final int EVENTS_FETCHED = 100;

	// Parameters: 1 session id, 2 idle cut-off, 3 batch size, 4 events a session may hold, 5-8 the batch as
	// parallel arrays, 9 now. A batch that could take the session past its limit is refused whole.
	private static final String INGEST = """
			WITH s AS (
			    SELECT id, start_time, action_count FROM user_sessions
			    WHERE id = ? AND end_time IS NULL AND COALESCE(last_seen, start_time) >= ?
			    FOR UPDATE
			), room AS (
			    SELECT id, start_time FROM s WHERE action_count + ? <= ?
			), ins AS (
			    INSERT INTO session_events (id, session_id, timestamp, event_type, event_data)
			    SELECT e.id, room.id, e.ts, e.action, e.data
			    FROM room CROSS JOIN unnest(?::uuid[], ?::timestamptz[], ?::varchar[], ?::jsonb[])
			        WITH ORDINALITY AS e(id, ts, action, data, ord)
			    ORDER BY e.ord
			    ON CONFLICT (session_id, id) DO NOTHING
			    RETURNING session_id, id, timestamp, event_type, event_data
			), wf AS (
			    INSERT INTO workflow_executions AS w (session_id, workflow_id, started_at, completed_at, session_start)
			    SELECT ins.session_id, ins.event_data->>'workflowId',
			           max(ins.timestamp) FILTER (WHERE ins.event_type = 'workflow_start'),
			           max(ins.timestamp) FILTER (WHERE ins.event_type = 'workflow_complete'), room.start_time
			    FROM ins CROSS JOIN room
			    WHERE ins.event_type IN ('workflow_start', 'workflow_complete')
			      AND ins.event_data->>'workflowId' IS NOT NULL
			    GROUP BY ins.session_id, ins.event_data->>'workflowId', room.start_time
			    ON CONFLICT (session_id, workflow_id) DO UPDATE
			        SET started_at = GREATEST(w.started_at, EXCLUDED.started_at),
			            completed_at = GREATEST(w.completed_at, EXCLUDED.completed_at),
			            session_start = COALESCE(w.session_start, EXCLUDED.session_start)
			), agg AS (
			    SELECT count(*) AS n,
			           count(*) FILTER (WHERE event_type = 'error') AS errors,
			           count(*) FILTER (WHERE event_type = 'workflow_start'
			                              AND event_data->>'workflowId' IS NOT NULL) AS workflows,
			           (array_agg(event_data->>'page' ORDER BY timestamp DESC, id DESC)
			               FILTER (WHERE event_type = 'page_view' AND event_data->>'page' IS NOT NULL))[1] AS page,
			           max(timestamp) FILTER (WHERE event_type = 'page_view'
			                                    AND event_data->>'page' IS NOT NULL) AS page_at,
			           (array_agg(event_type ORDER BY timestamp DESC, id DESC))[1] AS action,
			           max(timestamp) AS action_at,
			           array_agg(DISTINCT event_type::text COLLATE "C") AS types
			    FROM ins
			), upd AS (
			    UPDATE user_sessions u SET
			        action_count = u.action_count + agg.n,
			        error_count = u.error_count + agg.errors,
			        workflow_count = u.workflow_count + agg.workflows,
			        exit_page = CASE WHEN agg.page_at >= COALESCE(u.exit_page_at, '-infinity')
			                         THEN left(agg.page, 2048) ELSE u.exit_page END,
			        exit_page_at = GREATEST(u.exit_page_at, agg.page_at),
			        last_action = CASE WHEN agg.action_at >= COALESCE(u.last_action_at, '-infinity')
			                           THEN agg.action ELSE u.last_action END,
			        last_action_at = GREATEST(u.last_action_at, agg.action_at),
			        action_types = CASE WHEN COALESCE(agg.types <@ u.action_types, true) THEN u.action_types
			                            ELSE ARRAY(SELECT DISTINCT t COLLATE "C"
			                                       FROM unnest(u.action_types || agg.types) t ORDER BY 1) END,
			        last_seen = CASE WHEN agg.n > 0 THEN GREATEST(COALESCE(u.last_seen, u.start_time), ?)
			                         ELSE u.last_seen END
			    FROM room, agg
			    WHERE u.id = room.id
			    RETURNING u.id
			)
			SELECT (SELECT count(*) FROM s) AS open, (SELECT count(*) FROM upd) AS room,
			       (SELECT n FROM agg) AS inserted""";

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	EventRepository(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
	}

	/**
	 * Stores the batch into the session if it is open, was seen at or after {@code cutoff}, and has room for the
	 * batch within {@code maxEvents}. Nothing is written unless all of that holds.
	 */
	Outcome ingest(UUID sessionId, List<Row> rows, Instant now, Instant cutoff, int maxEvents) {
		return this.jdbcTemplate.query(connection -> prepare(connection, sessionId, rows, now, cutoff, maxEvents),
				rs -> {
					rs.next();
					return new Outcome(rs.getLong("open") > 0, rs.getLong("room") > 0, rs.getInt("inserted"));
				});
	}

	private static PreparedStatement prepare(Connection connection, UUID sessionId, List<Row> rows, Instant now,
			Instant cutoff, int maxEvents) throws SQLException {
		PreparedStatement ps = connection.prepareStatement(INGEST);
		ps.setObject(1, sessionId);
		ps.setObject(2, utc(cutoff));
		ps.setInt(3, rows.size());
		ps.setInt(4, maxEvents);
		ps.setArray(5, array(connection, rows.stream().map(r -> r.id().toString())));
		ps.setArray(6, array(connection, rows.stream().map(r -> r.timestamp().toString())));
		ps.setArray(7, array(connection, rows.stream().map(Row::action)));
		ps.setArray(8, array(connection, rows.stream().map(Row::dataJson)));
		ps.setObject(9, utc(now));
		return ps;
	}

	/**
	 * @param open the session is open and unexpired
	 * @param room it had room for the batch (events were then stored)
	 * @param inserted events new to the session
	 */
	record Outcome(boolean open, boolean room, int inserted) {
	}

	private static Array array(Connection connection, java.util.stream.Stream<String> values) throws SQLException {
		return connection.createArrayOf("text", values.toArray(String[]::new));
	}

	/** How many of these event ids the session holds. */
	int countStored(UUID sessionId, Collection<UUID> ids) {
		return this.jdbcTemplate.query(connection -> {
			PreparedStatement ps = connection
				.prepareStatement("SELECT count(*) FROM session_events WHERE session_id = ? AND id = ANY (?)");
			ps.setObject(1, sessionId);
			ps.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
			return ps;
		}, rs -> {
			rs.next();
			return rs.getInt(1);
		});
	}

	/**
	 * Hands a session's events to {@code each}, oldest first, as a cursor reads them a few at a time (it needs the
	 * caller's transaction: PostgreSQL's driver reads through a cursor only with autocommit off).
	 */
	void forEachOfSession(UUID sessionId, Consumer<StoredEvent> each) {
		this.jdbc.sql("""
				SELECT id, event_type, timestamp, event_data::text AS data FROM session_events
				WHERE session_id = :sessionId ORDER BY timestamp, id""")
			.withFetchSize(EVENTS_FETCHED)
			.param("sessionId", sessionId)
			.query((RowCallbackHandler) rs -> each.accept(new StoredEvent(rs.getObject("id", UUID.class),
					rs.getString("event_type"), rs.getObject("timestamp", OffsetDateTime.class).toInstant(),
					rs.getString("data"))));
	}

	/** Workflows whose latest start in the session has no completion after it (abandoned once it has ended). */
	List<AbandonedWorkflow> findAbandoned(UUID sessionId) {
		return this.jdbc.sql("""
				SELECT w.workflow_id, w.started_at FROM workflow_executions w
				WHERE w.session_id = :sessionId AND %s
				ORDER BY w.started_at, w.workflow_id""".formatted(WorkflowColumns.abandoned("w")))
			.param("sessionId", sessionId)
			.query((rs, n) -> new AbandonedWorkflow(rs.getString("workflow_id"),
					rs.getObject("started_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** One event ready for the database: id and timestamp resolved, data serialized. */
	record Row(UUID id, Instant timestamp, String action, String dataJson) {
	}

}
