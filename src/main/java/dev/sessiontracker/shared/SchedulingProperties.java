package dev.sessiontracker.shared;

import java.time.Duration;

import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The scheduled jobs' settings ({@code tracker.scheduling.*}). They are read where they act, by
 * {@code @ConditionalOnProperty} and ShedLock's {@code @SchedulerLock}, which take any text; they are bound here too
 * so that a value those would misread stops the start instead of surfacing, if ever, when an hourly job runs.
 *
 * @param enabled whether this instance runs the timers: {@code true} or {@code false} (the condition takes any value
 * but {@code false} as on, so {@code off} or {@code no} would not turn them off)
 * @param lockAtLeastFor how long the hourly jobs keep their lock after running
 */
@Validated
@ConfigurationProperties("tracker.scheduling")
public record SchedulingProperties(
		@DefaultValue("true") @Pattern(regexp = "true|false", flags = Pattern.Flag.CASE_INSENSITIVE,
				message = "must be true or false") String enabled,
		@DefaultValue("PT5M") @DurationMin(seconds = 0) Duration lockAtLeastFor) {
}
