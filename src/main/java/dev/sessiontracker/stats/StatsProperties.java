package dev.sessiontracker.stats;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of statistics and retention ({@code tracker.*}).
 *
 * @param retention sessions and events older than this are deleted; daily statistics are kept
 * @param retentionChunk sessions deleted per statement
 * @param stats the zone that defines a day
 */
@Validated
@ConfigurationProperties("tracker")
public record StatsProperties(@DefaultValue("P30D") @DurationMin(nanos = 1) Duration retention,
		@DefaultValue("1000") @Positive int retentionChunk,
		@DefaultValue Stats stats) {

	/**
	 * @param zone the zone that defines a day
	 * @param includeBots whether sessions flagged as bots count in statistics, bounces and insights: by default they
	 * do, as api.md defines the statistics over all of a day's sessions
	 */
	public record Stats(@DefaultValue("UTC") ZoneId zone, @DefaultValue("true") boolean includeBots) {
	}

	public ZoneId zone() {
		return this.stats.zone();
	}

	public boolean includeBots() {
		return this.stats.includeBots();
	}

}
