package dev.sessiontracker.shared;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of access control ({@code tracker.security.*}).
 *
 * @param readKey the key for reading endpoints; when blank, one is generated and logged at start
 * @param allowedOrigins origins whose pages may call the ingestion endpoints; empty: same origin only
 * @param identitySecret when set, starting a session requires {@code userHash = hex(HMAC-SHA256(secret, userId))}
 */
@ConfigurationProperties("tracker.security")
public record TrackerSecurityProperties(String readKey, @DefaultValue List<String> allowedOrigins,
		String identitySecret) {
}
