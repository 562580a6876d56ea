package dev.sessiontracker.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request limits ({@code tracker.limits.*}).
 *
 * @param maxBodySize the largest request body accepted; 64 KiB is what browsers allow a keepalive fetch or beacon
 */
@ConfigurationProperties("tracker.limits")
public record LimitProperties(@DefaultValue("64KB") DataSize maxBodySize) {
}
