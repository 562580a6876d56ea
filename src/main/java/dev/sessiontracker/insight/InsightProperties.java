package dev.sessiontracker.insight;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the insights ({@code tracker.insights.*}).
 *
 * @param minSupport the smallest share of sessions a pair of actions must reach to be listed
 * @param top how many entries ranked lists show by default
 */
@ConfigurationProperties("tracker.insights")
public record InsightProperties(@DefaultValue("0.01") double minSupport, @DefaultValue("20") int top) {
}
