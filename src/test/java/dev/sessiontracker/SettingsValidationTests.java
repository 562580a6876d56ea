package dev.sessiontracker;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.sessiontracker.insight.InsightProperties;
import dev.sessiontracker.pattern.PatternProperties;
import dev.sessiontracker.session.SessionProperties;
import dev.sessiontracker.shared.EmbeddedDatabaseProperties;
import dev.sessiontracker.shared.LimitProperties;
import dev.sessiontracker.shared.ReadCacheProperties;
import dev.sessiontracker.shared.SchedulingProperties;
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
			"tracker.limits.max-concurrent-requests, -1, maxConcurrentRequests",
			// 0 would be no limit at all to Tomcat's upload timeout
			"tracker.limits.body-read-timeout, PT0S, bodyReadTimeout",
			"tracker.limits.body-read-timeout, PT0.0005S, bodyReadTimeout",
			"tracker.patterns.window, 0, window",
			"tracker.patterns.power-user-min-avg-actions, -1, powerUserMinAvgActions",
			"tracker.patterns.struggling-min-last-session-errors, -1, strugglingMinLastSessionErrors",
			"tracker.insights.min-support, 1.5, minSupport", "tracker.insights.top, 0, top",
			"tracker.insights.top, 101, top", "tracker.read-cache.ttl, -5s, ttl",
			"tracker.scheduling.lock-at-least-for, -PT1M, lockAtLeastFor",
			// the timers' condition took anything but false as on
			"tracker.scheduling.enabled, maybe, enabled", "tracker.scheduling.enabled, off, enabled" })
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
			"tracker.retention-chunk, 1", "tracker.limits.max-body-size, 1B", "tracker.patterns.window, 1",
			"tracker.patterns.quick-checker-max-avg-duration, 0", "tracker.insights.min-support, 0",
			"tracker.insights.min-support, 1", "tracker.insights.top, 100", "tracker.read-cache.ttl, 0s",
			"tracker.scheduling.lock-at-least-for, PT0S", "tracker.scheduling.enabled, FALSE",
			"tracker.embedded-db.port, 0", "tracker.embedded-db.port, 65535",
			"tracker.limits.body-read-timeout, PT0.001S" })
	void valuesAtTheBoundsAreAccepted(String setting, String value) {
		this.context.withPropertyValues(setting + "=" + value).run(context -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@CsvSource({ "0B", "-1KB" })
	void aBodyLimitThatRefusesEveryBodyIsNamed(String size) {
		this.context.withPropertyValues("tracker.limits.max-body-size=" + size)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tracker.limits.max-body-size must be at least 1 byte"));
	}

	@ParameterizedTest
	@CsvSource({ "TRACKER_READ_CACHE_TTL, abc, tracker.read-cache.ttl",
			"TRACKER_SCHEDULING_LOCK_AT_LEAST_FOR, banana, tracker.scheduling.lock-at-least-for" })
	void aValueThatIsNotADurationIsNamed(String variable, String value, String setting) {
		this.context.withInitializer(environment(variable, value))
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under '" + setting + "'"));
	}

	@Test
	void theReadCacheTtlIsStillTakenFromItsEnvironmentVariable() {
		this.context.withInitializer(environment("TRACKER_READ_CACHE_TTL", "5s"))
			.run(context -> assertThat(context.getBean(ReadCacheProperties.class).ttl()).hasSeconds(5));
		this.context.withInitializer(environment("TRACKER_READ_CACHE_TTL", "-5s"))
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("on field 'ttl'"));
	}

	@ParameterizedTest
	@CsvSource({ "-1", "65536" })
	void anEmbeddedDatabasePortOutsideThePortRangeIsNamed(String port) {
		this.context.withPropertyValues("tracker.embedded-db.port=" + port)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tracker.embedded-db.port (TRACKER_EMBEDDED_DB_PORT) must be 0"));
	}

	@ParameterizedTest
	@CsvSource({ "+05:30", "UTC+01:00", "Z" })
	void aZoneTheRollupsTimerCannotTakeIsNamed(String zone) {
		this.context.withPropertyValues("tracker.stats.zone=" + zone)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tracker.stats.zone (TRACKER_STATS_ZONE) " + zone + " is not a zone"));
	}

	@ParameterizedTest
	@CsvSource({ "UTC", "GMT+05:30", "Asia/Kolkata", "Etc/GMT-1" })
	void zonesTheRollupsTimerTakesAreAccepted(String zone) {
		this.context.withPropertyValues("tracker.stats.zone=" + zone)
			.run(context -> assertThat(context).hasNotFailed());
	}

	/** The variable as the operating system's environment gives it, where relaxed binding maps its name. */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> environment(String variable,
			String value) {
		return context -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-"
					+ StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, value)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ SessionProperties.class, StatsProperties.class, LimitProperties.class,
			PatternProperties.class, InsightProperties.class, ReadCacheProperties.class, SchedulingProperties.class,
			EmbeddedDatabaseProperties.class })
	static class Properties {

	}

}
