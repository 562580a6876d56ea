package dev.sessiontracker.shared;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.sessiontracker.support.RetryingClients;

/**
 * What the database holds, held against what the clients were promised: every acknowledged event stored in the
 * session that acknowledged it, every acknowledged start and end there, counters equal to the stored events.
 */
record DeliveryCheck(long sent, long acknowledged, long stored, long lost, long duplicates, long copiesElsewhere,
		long unacknowledgedStored, long startsMissing, long endsMissing, long counterMismatches, long sessions) {

	static DeliveryCheck of(RetryingClients clients, Connection db) throws SQLException {
		Map<UUID, Set<UUID>> bySession = new HashMap<>();
		Map<UUID, Integer> copies = new HashMap<>();
		long stored = 0;
		long duplicates = 0;
		try (Statement statement = db.createStatement();
				ResultSet rows = statement.executeQuery("SELECT session_id, id FROM session_events")) {
			while (rows.next()) {
				UUID id = rows.getObject(2, UUID.class);
				if (!bySession.computeIfAbsent(rows.getObject(1, UUID.class), s -> new HashSet<>()).add(id)) {
					duplicates++;
				}
				copies.merge(id, 1, Integer::sum);
				stored++;
			}
		}
		long lost = clients.acknowledged.entrySet()
			.stream()
			.filter(ack -> !bySession.getOrDefault(ack.getValue(), Set.of()).contains(ack.getKey()))
			.count();
		// An unacknowledged copy: stored, its answer lost with the service, its session ended before the retry,
		// and the batch then acknowledged in a new session (event ids are unique per session, not globally). The
		// service acknowledges such a retry as duplicates in the ended session, so none may happen.
		long copiesElsewhere = copies.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
		long unacknowledgedStored = copies.keySet()
			.stream()
			.filter(id -> !clients.acknowledged.containsKey(id))
			.count();
		Set<UUID> sessions = new HashSet<>();
		Set<UUID> ended = new HashSet<>();
		try (Statement statement = db.createStatement();
				ResultSet rows = statement.executeQuery("SELECT id, end_time IS NOT NULL FROM user_sessions")) {
			while (rows.next()) {
				sessions.add(rows.getObject(1, UUID.class));
				if (rows.getBoolean(2)) {
					ended.add(rows.getObject(1, UUID.class));
				}
			}
		}
		long startsMissing = clients.startsAcknowledged.stream().filter(id -> !sessions.contains(id)).count();
		long endsMissing = clients.endsAcknowledged.stream().filter(id -> !ended.contains(id)).count();
		return new DeliveryCheck(clients.sent.size(), clients.acknowledged.size(), stored, lost, duplicates,
				copiesElsewhere, unacknowledgedStored, startsMissing, endsMissing, counterMismatches(db).size(),
				sessions.size());
	}

	/** Sessions whose action or error count differs from their stored events. */
	static List<String> counterMismatches(Connection db) throws SQLException {
		List<String> mismatches = new ArrayList<>();
		try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("""
				SELECT s.id || ' actions ' || s.action_count || '/' || count(e.id)
				       || ' errors ' || s.error_count || '/' || count(e.id) FILTER (WHERE e.event_type = 'error')
				FROM user_sessions s LEFT JOIN session_events e ON e.session_id = s.id
				GROUP BY s.id
				HAVING s.action_count <> count(e.id)
				    OR s.error_count <> count(e.id) FILTER (WHERE e.event_type = 'error')""")) {
			while (rows.next()) {
				mismatches.add(rows.getString(1));
			}
		}
		return mismatches;
	}

	boolean nothingLost() {
		return this.lost == 0 && this.duplicates == 0 && this.copiesElsewhere == 0 && this.startsMissing == 0
				&& this.endsMissing == 0
				&& this.counterMismatches == 0 && this.acknowledged == this.sent;
	}

	String table() {
		return String.join("\n", "| events sent (client-made ids) | " + this.sent + " |",
				"| events acknowledged (202) | " + this.acknowledged + " |",
				"| events stored | " + this.stored + " |",
				"| acknowledged but not stored (lost) | " + this.lost + " |",
				"| stored twice in one session (duplicates) | " + this.duplicates + " |",
				"| also stored in an earlier, since ended session, unacknowledged there (answer lost, then 409) | "
						+ this.copiesElsewhere
						+ " |",
				"| stored, never acknowledged anywhere | " + this.unacknowledgedStored + " |",
				"| sessions stored / acknowledged starts missing | " + this.sessions + " / " + this.startsMissing
						+ " |",
				"| acknowledged ends not ended | " + this.endsMissing + " |",
				"| sessions whose counters differ from their events | " + this.counterMismatches + " |");
	}

}
