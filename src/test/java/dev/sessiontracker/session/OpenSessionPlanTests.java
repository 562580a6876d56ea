package dev.sessiontracker.session;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start's active-session cap and a user's current session read the user's sessions through the user index,
 * even on a table PostgreSQL has no statistics for yet, as on a new database before autovacuum first analyses it.
 */
class OpenSessionPlanTests extends HttpTest {

	private static final OffsetDateTime NOW = T0.atOffset(ZoneOffset.UTC);

	@Autowired
	DataSource dataSource;

	@Test
	void theCapReadsOnlyTheUsersSessionsWithoutStatistics() throws Exception {
		assertUserIndexOnly(jdbc -> jdbc.sql("EXPLAIN " + SessionWrites.START)
			.param("id", UUID.randomUUID())
			.param("userId", "new-user")
			.param("now", NOW)
			.param("deviceType", "desktop")
			.param("browser", "Chrome")
			.param("os", "Linux")
			.param("screenSize", "1920x1080")
			.param("bot", false)
			.param("entryPage", "/")
			.param("entrySource", "direct")
			.param("referrer", "")
			.param("campaign", "")
			.param("cutoff", NOW.minusMinutes(30))
			.param("cap", 5));
	}

	@Test
	void theCurrentSessionReadsOnlyTheUsersSessionsWithoutStatistics() throws Exception {
		assertUserIndexOnly(jdbc -> jdbc.sql("EXPLAIN " + SessionRepository.ACTIVE_BY_USER)
			.param("userId", "new-user")
			.param("cutoff", NOW.minusMinutes(30)));
	}

	private void assertUserIndexOnly(Function<JdbcClient, StatementSpec> explain) throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
				// A temporary copy with the same indexes shadows the table on this connection; autovacuum never
				// analyses temporary tables, so the planner sees 20 000 open sessions without statistics.
				jdbc.sql("CREATE TEMP TABLE user_sessions (LIKE public.user_sessions INCLUDING ALL) ON COMMIT DROP")
					.update();
				jdbc.sql("""
						INSERT INTO user_sessions (id, user_id, start_time, last_seen, action_types)
						SELECT gen_random_uuid(), 'other-' || g, now(), now(), '{}' FROM generate_series(1, 20000) g""")
					.update();
				String openIndex = temporaryIndex(jdbc, "%WHERE (end_time IS NULL)");
				String userIndex = temporaryIndex(jdbc, "%(user_id, start_time DESC)");

				String plan = String.join("\n", explain.apply(jdbc).query(String.class).list());

				assertThat(plan).contains(userIndex).doesNotContain(openIndex);
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		}
	}

	private static String temporaryIndex(JdbcClient jdbc, String definition) {
		List<String> names = jdbc.sql("""
				SELECT indexname FROM pg_indexes
				WHERE schemaname = (SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema())
				  AND indexdef LIKE :definition""")
			.param("definition", definition)
			.query(String.class)
			.list();
		assertThat(names).hasSize(1);
		return names.get(0);
	}

}
