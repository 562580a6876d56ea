package dev.sessiontracker.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.UUID;

import tools.jackson.core.JsonGenerator;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dev.sessiontracker.session.SessionColumns;
import dev.sessiontracker.session.SessionService;

/**
 * A user's export (GDPR articles 15 and 20): everything stored about them, as one JSON document written as it is
 * read. A user may have any number of sessions, each up to 10 000 events of up to 8 KiB, so the document is never
 * held whole, neither here nor in PostgreSQL (whose one JSON value may not pass 1 GB): the user's sessions, and each
 * session's events and workflows, are read through cursors a few rows at a time, and each row is written out before
 * the next ones are fetched. It is all read in one REPEATABLE READ transaction, so the document is one snapshot of
 * the user's data even while it is written for minutes. The times are formatted by PostgreSQL, as the API writes
 * them.
 */
@Service
public class UserExporter {

	// Rows a cursor fetches at a time: what the export holds of the user's data at once, besides its buffers (an
	// event holds at most 8 KiB of data).
	private static final int FETCHED = 100;

	// Sessions that started in the same microsecond come in the order of their ids.
	private static final String SESSIONS = """
			SELECT s.id, %s AS start_time, %s AS last_seen, %s AS end_time, %s AS duration,
			       s.device_type, s.browser, s.os, s.screen_size, s.is_bot,
			       s.entry_page, s.entry_source, s.referrer, s.campaign,
			       %s AS exit_page, %s AS exit_reason, s.last_action,
			       s.action_count, s.error_count, s.workflow_count
			FROM user_sessions s WHERE s.user_id = :userId
			ORDER BY s.start_time, s.id""".formatted(utc("s.start_time"),
			utc("COALESCE(s.last_seen, s.start_time)"), utc(SessionColumns.endTime("s", ":cutoff")),
			SessionColumns.durationSeconds("s", ":cutoff"), SessionColumns.exitPage("s", ":cutoff"),
			SessionColumns.exitReason("s", ":cutoff"));

	private static final String EVENTS = """
			SELECT e.id, e.event_type, %s AS timestamp, e.event_data::text AS data
			FROM session_events e WHERE e.session_id = :sessionId
			ORDER BY e.timestamp, e.id""".formatted(utc("e.timestamp"));

	private static final String WORKFLOWS = """
			SELECT w.workflow_id, %s AS started_at, %s AS completed_at
			FROM workflow_executions w WHERE w.session_id = :sessionId
			ORDER BY w.workflow_id""".formatted(utc("w.started_at"), utc("w.completed_at"));

	private static final String PATTERN = """
			SELECT p.pattern, p.confidence::text AS confidence FROM user_patterns p WHERE p.user_id = :userId""";

	private final JdbcClient jdbc;

	private final SessionService sessions;

	UserExporter(JdbcClient jdbc, SessionService sessions) {
		this.jdbc = jdbc;
		this.sessions = sessions;
	}

	/**
	 * Writes everything stored about the user as one JSON document (empty lists for an unknown user): the sessions
	 * oldest first, each with its events (oldest first) and workflows, and the stored user pattern. A session that has
	 * timed out reads as ended, as the idle sweep will close it.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public void export(String userId, JsonGenerator json) {
		json.writeStartObject();
		json.writeStringProperty("userId", userId);
		json.writeName("sessions");
		json.writeStartArray();
		this.jdbc.sql(SESSIONS)
			.withFetchSize(FETCHED)
			.param("userId", userId)
			.param("cutoff", this.sessions.idleCutoff().atOffset(ZoneOffset.UTC))
			.query((RowCallbackHandler) rs -> writeSession(rs, json));
		json.writeEndArray();
		json.writeName("pattern");
		writePattern(userId, json);
		json.writeEndObject();
	}

	private void writeSession(ResultSet rs, JsonGenerator json) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		json.writeStartObject();
		json.writeStringProperty("id", id.toString());
		json.writeStringProperty("startTime", rs.getString("start_time"));
		json.writeStringProperty("lastSeen", rs.getString("last_seen"));
		json.writeStringProperty("endTime", rs.getString("end_time"));
		writeInteger(json, "duration", rs, "duration");
		json.writeName("device");
		json.writeStartObject();
		json.writeStringProperty("type", rs.getString("device_type"));
		json.writeStringProperty("browser", rs.getString("browser"));
		json.writeStringProperty("os", rs.getString("os"));
		json.writeStringProperty("screenSize", rs.getString("screen_size"));
		json.writeBooleanProperty("bot", rs.getBoolean("is_bot"));
		json.writeEndObject();
		json.writeName("entry");
		json.writeStartObject();
		json.writeStringProperty("page", rs.getString("entry_page"));
		json.writeStringProperty("source", rs.getString("entry_source"));
		json.writeStringProperty("referrer", rs.getString("referrer"));
		json.writeStringProperty("campaign", rs.getString("campaign"));
		json.writeEndObject();
		json.writeName("exit");
		json.writeStartObject();
		json.writeStringProperty("page", rs.getString("exit_page"));
		json.writeStringProperty("reason", rs.getString("exit_reason"));
		json.writeStringProperty("lastAction", rs.getString("last_action"));
		json.writeEndObject();
		writeInteger(json, "actions", rs, "action_count");
		writeInteger(json, "errors", rs, "error_count");
		writeInteger(json, "workflows", rs, "workflow_count");
		writeEvents(id, json);
		writeWorkflows(id, json);
		json.writeEndObject();
	}

	private void writeEvents(UUID sessionId, JsonGenerator json) {
		writeRows(json, "events", EVENTS, sessionId, rs -> {
			json.writeStartObject();
			json.writeStringProperty("id", rs.getString("id"));
			json.writeStringProperty("action", rs.getString("event_type"));
			json.writeStringProperty("timestamp", rs.getString("timestamp"));
			json.writeName("data");
			String data = rs.getString("data"); // jsonb as PostgreSQL writes it, as the export always had it
			if (data == null) {
				json.writeNull();
			}
			else {
				json.writeRawValue(data);
			}
			json.writeEndObject();
		});
	}

	private void writeWorkflows(UUID sessionId, JsonGenerator json) {
		writeRows(json, "workflowExecutions", WORKFLOWS, sessionId, rs -> {
			json.writeStartObject();
			json.writeStringProperty("workflowId", rs.getString("workflow_id"));
			json.writeStringProperty("startedAt", rs.getString("started_at"));
			json.writeStringProperty("completedAt", rs.getString("completed_at"));
			json.writeEndObject();
		});
	}

	/** The array {@code name} of what {@code sql} reads of one session, a row at a time from a cursor. */
	private void writeRows(JsonGenerator json, String name, String sql, UUID sessionId, RowCallbackHandler row) {
		json.writeName(name);
		json.writeStartArray();
		this.jdbc.sql(sql).withFetchSize(FETCHED).param("sessionId", sessionId).query(row);
		json.writeEndArray();
	}

	private void writePattern(String userId, JsonGenerator json) {
		// user_id is the table's key: one row or none (null)
		this.jdbc.sql(PATTERN)
			.param("userId", userId)
			.query((rs, n) -> new StoredPattern(rs.getString("pattern"), rs.getString("confidence")))
			.optional()
			.ifPresentOrElse(pattern -> {
				json.writeStartObject();
				json.writeStringProperty("pattern", pattern.pattern());
				json.writeName("confidence");
				if (pattern.confidence() == null) {
					json.writeNull();
				}
				else {
					json.writeNumber(pattern.confidence()); // as PostgreSQL writes the numeric (0.60)
				}
				json.writeEndObject();
			}, json::writeNull);
	}

	private static void writeInteger(JsonGenerator json, String name, ResultSet rs, String column)
			throws SQLException {
		int value = rs.getInt(column);
		if (rs.wasNull()) {
			json.writeNullProperty(name);
		}
		else {
			json.writeNumberProperty(name, value);
		}
	}

	/** Times as the API writes them: ISO-8601 instants in UTC, with microseconds. */
	private static String utc(String column) {
		return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
	}

	private record StoredPattern(String pattern, String confidence) {
	}

}
