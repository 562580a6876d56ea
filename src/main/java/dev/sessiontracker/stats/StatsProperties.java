package dev.sessiontracker.stats;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
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

		/**
		 * Refuses a zone the hourly rollup's timer cannot take, before the database is migrated: Java reads
		 * {@code +05:30} and {@code UTC+05:30} as zones, but the timer's {@link java.util.TimeZone} knows neither (it
		 * failed the start after the migrations, without naming the setting).
		 */
		public Stats {
			try {
				StringUtils.parseTimeZoneString(zone.getId());
			}
			catch (IllegalArgumentException unknownToTheTimer) {
				throw new IllegalArgumentException("tracker.stats.zone (TRACKER_STATS_ZONE) " + zone.getId()
						+ " is not a zone the hourly rollup's timer can take: give a region (Asia/Kolkata) or an offset "
						+ "as GMT+05:30");
			}
		}

	}

	public ZoneId zone() {
		return this.stats.zone();
	}

	public boolean includeBots() {
		return this.stats.includeBots();
	}

}
