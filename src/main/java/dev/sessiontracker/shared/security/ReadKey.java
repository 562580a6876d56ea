package dev.sessiontracker.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.StringUtils;

import dev.sessiontracker.shared.TrackerSecurityProperties;

/** The key that unlocks the reading endpoints, compared in constant time. */
final class ReadKey {

	private static final Logger log = LoggerFactory.getLogger(ReadKey.class);

	/**
	 * Shorter configured keys get a warning: wrong keys are limited per client IP ({@link ReadKeyFilter}), not over
	 * all of them, and many addresses guess many times faster than one.
	 */
	static final int GUESSABLE_BELOW = 16;

	private final byte[] key;

	private ReadKey(String key) {
		this.key = key.getBytes(StandardCharsets.UTF_8);
	}

	/** The configured key, or a random one, logged once so that the operator can use it. */
	static ReadKey from(TrackerSecurityProperties properties) {
		if (StringUtils.hasText(properties.readKey())) {
			if (properties.readKey().length() < GUESSABLE_BELOW) {
				log.warn("tracker.security.read-key has {} characters: a short key can be guessed from many addresses "
						+ "(wrong keys are limited per address); use {} or more random characters", properties.readKey().length(),
						GUESSABLE_BELOW);
			}
			return new ReadKey(properties.readKey());
		}
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		log.warn("No tracker.security.read-key set; generated read key for this run: {}", generated);
		return new ReadKey(generated);
	}

	boolean matches(String candidate) {
		return candidate != null && MessageDigest.isEqual(this.key, candidate.getBytes(StandardCharsets.UTF_8));
	}

}
