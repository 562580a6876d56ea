package dev.sessiontracker.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Holds session rows locked from a connection of the test's own, outside the service's pool, so that the service's
 * requests on those sessions are provably in progress (blocked in the database) until the test lets them go.
 */
public final class RowLocks {

	private RowLocks() {
	}

	/** A connection in a transaction: locks it takes last until {@code rollback()} or close. */
	public static Connection open() throws SQLException {
		TestDatabase db = TestDatabase.get();
		Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
		connection.setAutoCommit(false);
		return connection;
	}

	public static void lockSession(Connection connection, String session) throws SQLException {
		try (PreparedStatement lock = connection
			.prepareStatement("SELECT id FROM user_sessions WHERE id = ? FOR UPDATE")) {
			lock.setObject(1, UUID.fromString(session));
			lock.executeQuery();
		}
	}

	/** Event batches now waiting for a row lock in the test database. */
	public static long batchesWaiting() {
		return waiting("WITH s AS%");
	}

	/** Statements now waiting for a lock in the test database whose text is {@code LIKE} the pattern. */
	public static long waiting(String statementLike) {
		TestDatabase db = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
				PreparedStatement count = connection
					.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
							+ "AND datname = current_database() AND query LIKE ?")) {
			count.setString(1, statementLike);
			try (ResultSet result = count.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
