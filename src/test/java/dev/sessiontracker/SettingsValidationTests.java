package dev.sessiontracker;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import dev.sessiontracker.session.SessionProperties;
import dev.sessiontracker.shared.LimitProperties;
import dev.sessiontracker.stats.StatsProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings the service cannot work with stop start-up with a message that names them. */
class SettingsValidationTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Properties.class);

	@ParameterizedTest
	@CsvSource({ "tracker.session.idle-timeout, PT0S, session.idleTimeout",
			"tracker.session.sweep-interval, -PT1M, session.sweepInterval",
			"tracker.session.active-refresh, -PT1S, session.activeRefresh",
			"tracker.session.sweep-chunk, 0, session.sweepChunk",
			// a chunk of 0 deleted nothing and equalled the chunk, so retention looped for ever
			"tracker.retention-chunk, 0, retentionChunk", "tracker.retention, PT0S, retention",
			"tracker.limits.global-rate, -1, globalRate",
			"tracker.limits.max-events-per-session, 0, maxEventsPerSession",
			"tracker.limits.max-active-sessions-per-user, 0, maxActiveSessionsPerUser",
			"tracker.limits.max-data-depth, 0, maxDataDepth",
			"tracker.limits.max-concurrent-requests, -1, maxConcurrentRequests" })
	void aSettingOutOfRangeIsNamed(String setting, String value, String field) {
		this.context.withPropertyValues(setting + "=" + value)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("on field '" + field + "'"));
	}

	@ParameterizedTest
	@CsvSource({ "tracker.session.idle-timeout, PT0.06S", "tracker.session.active-refresh, PT0S",
			"tracker.session.sweep-pause-factor, 0", "tracker.limits.per-client-rate, 0",
			"tracker.limits.global-rate, 0", "tracker.limits.max-concurrent-requests, 0",
			"tracker.retention-chunk, 1" })
	void theSmallestUsefulValuesAreAccepted(String setting, String value) {
		this.context.withPropertyValues(setting + "=" + value).run(context -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ SessionProperties.class, StatsProperties.class, LimitProperties.class })
	static class Properties {

	}

}
