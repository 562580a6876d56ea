package dev.sessiontracker.insight;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the insights ({@code tracker.insights.*}).
 *
 * @param minSupport the smallest share of sessions a pair of actions must reach to be listed
 * @param top how many entries ranked lists show by default
 */
// The same ranges as the requests' minSupport and top parameters, which these are the defaults of.
@Validated
@ConfigurationProperties("tracker.insights")
public record InsightProperties(@DefaultValue("0.01") @DecimalMin("0") @DecimalMax("1") double minSupport,
		@DefaultValue("20") @Min(1) @Max(100) int top) {
}
