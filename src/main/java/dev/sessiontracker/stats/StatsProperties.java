package dev.sessiontracker.stats;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of statistics and retention ({@code tracker.*}).
 *
 * @param retention sessions and events older than this are deleted; daily statistics are kept
 * @param retentionChunk sessions deleted per statement
 * @param stats the zone that defines a day
 */
@ConfigurationProperties("tracker")
public record StatsProperties(@DefaultValue("P30D") Duration retention, @DefaultValue("1000") int retentionChunk,
		@DefaultValue Stats stats) {

	public record Stats(@DefaultValue("UTC") ZoneId zone) {
	}

	public ZoneId zone() {
		return this.stats.zone();
	}

}
