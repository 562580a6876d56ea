package dev.sessiontracker.shared;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.sessiontracker.SessionTrackerApplication;
import dev.sessiontracker.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaUpgradeTests {

	private final TestDatabase db = TestDatabase.get();

	@Test
	void startingOnADatabaseOfAnOlderVersionMigratesIt() {
		String url = this.db.createDatabase("upgrade_from_v1");
		Flyway.configure().dataSource(url, this.db.username(), this.db.password()).target("1").load().migrate();

		try (ConfigurableApplicationContext app = start(url)) {
			List<String> versions = app.getBean(JdbcTemplate.class)
				.queryForList("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank",
						String.class);
			assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11",
					"12", "13", "14");
		}
	}

	@Test
	void anUpgradeCompletesTheEndedRowsAnImportLeftWithoutDurationOrExitPage() {
		String url = this.db.createDatabase("upgrade_from_v11");
		Flyway.configure().dataSource(url, this.db.username(), this.db.password()).target("11").load().migrate();
		new JdbcTemplate(new DriverManagerDataSource(url, this.db.username(), this.db.password())).update("""
				INSERT INTO user_sessions (user_id, start_time, end_time, duration_seconds, entry_page)
				VALUES ('no-duration', '2026-11-22T10:00:00Z', '2026-11-22T10:00:20Z', NULL, '/e'),
				       ('seconds-only', '2026-11-22T12:00:00Z', '2026-11-23T13:00:00Z', 3600, '/f')""");

		try (ConfigurableApplicationContext app = start(url)) {
			assertThat(app.getBean(JdbcTemplate.class).queryForList("""
					SELECT user_id || '=' || duration_seconds || ' ' || exit_page || ' ' || (last_seen = end_time)
					FROM user_sessions ORDER BY user_id""", String.class))
				.containsExactly("no-duration=20 /e true", "seconds-only=90000 /f true");
		}
	}

	@Test
	void aMistypedSettingStopsTheStartBeforeAnyMigration() {
		String url = this.db.createDatabase("upgrade_with_a_typo");
		Flyway.configure().dataSource(url, this.db.username(), this.db.password()).target("5").load().migrate();

		assertThatThrownBy(() -> start(url, "tracker.session.idle-timeout=30 minutes"))
			.hasStackTraceContaining("tracker.session.idle-timeout");

		assertThat(new JdbcTemplate(new DriverManagerDataSource(url, this.db.username(), this.db.password()))
			.queryForList("SELECT version FROM flyway_schema_history ORDER BY installed_rank", String.class))
			.as("left at the version the older service runs on").containsExactly("1", "2", "3", "4", "5");
	}

	@Test
	void aDatabaseMigratedByANewerVersionMakesTheServiceRefuseToStartAndSayWhy() {
		String url = this.db.createDatabase("upgrade_from_future");
		start(url).close();
		new JdbcTemplate(new DriverManagerDataSource(url, this.db.username(), this.db.password())).update("""
				INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
				    installed_by, execution_time, success)
				VALUES (99, '99', 'from a newer version', 'SQL', 'V99__from_a_newer_version.sql', 0, 'test', 1,
				        true)""");

		assertThatThrownBy(() -> start(url)).satisfies(failure -> {
			FlywayValidateException cause = cause(failure);
			FailureAnalysis analysis = new NewerSchemaFailureAnalyzer().analyze(failure);
			assertThat(cause.getMessage()).contains("99");
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("newer version of the session tracker", "99");
			assertThat(analysis.getAction()).contains("Run the newer version");
		});
	}

	private ConfigurableApplicationContext start(String url, String... more) {
		return new SpringApplicationBuilder(SessionTrackerApplication.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + url, "spring.datasource.username=" + this.db.username(),
					"spring.datasource.password=" + this.db.password(), "tracker.scheduling.enabled=false")
			.properties(more)
			.run();
	}

	private static FlywayValidateException cause(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof FlywayValidateException validate) {
				return validate;
			}
		}
		throw new AssertionError("no FlywayValidateException in " + failure);
	}

}
