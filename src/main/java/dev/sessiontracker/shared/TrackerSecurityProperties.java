package dev.sessiontracker.shared;

import java.util.List;

import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of access control ({@code tracker.security.*}).
 *
 * @param readKey the key for reading endpoints; when blank, one is generated and logged at start
 * @param allowedOrigins origins whose pages may call the ingestion endpoints; empty: same origin only
 * @param identitySecret when set, starting a session requires {@code userHash = hex(HMAC-SHA256(secret, userId))}
 * @param wrongKeysPerMinute wrong read keys one client IP may send a minute (as many at once); past them every request
 * of that client that carries a key is refused (429) until the next is due, so a key cannot be guessed at the rate
 * requests are answered (0 = no limit)
 */
@Validated
@ConfigurationProperties("tracker.security")
public record TrackerSecurityProperties(String readKey, @DefaultValue List<String> allowedOrigins,
		String identitySecret, @DefaultValue("20") @PositiveOrZero int wrongKeysPerMinute) {
}
