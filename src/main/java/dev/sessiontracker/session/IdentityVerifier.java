package dev.sessiontracker.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import dev.sessiontracker.shared.ProblemException;
import dev.sessiontracker.shared.TrackerSecurityProperties;

/**
 * Optional identity verification, as Intercom does it: the host application's server signs the user id with a
 * secret it shares with us, so a browser cannot write sessions as another user.
 */
@Component
class IdentityVerifier {

	private static final String HMAC = "HmacSHA256";

	private final SecretKeySpec secret;

	IdentityVerifier(TrackerSecurityProperties properties) {
		this.secret = StringUtils.hasText(properties.identitySecret())
				? new SecretKeySpec(properties.identitySecret().getBytes(StandardCharsets.UTF_8), HMAC) : null;
	}

	/** @throws IdentityNotVerifiedException when verification is on and the hash is missing or wrong */
	void verify(String userId, String userHash) {
		if (this.secret == null) {
			return;
		}
		byte[] presented;
		try {
			presented = userHash == null ? new byte[0] : HexFormat.of().parseHex(userHash.trim());
		}
		catch (IllegalArgumentException ex) {
			presented = new byte[0];
		}
		if (!MessageDigest.isEqual(sign(userId), presented)) {
			throw new IdentityNotVerifiedException();
		}
	}

	private byte[] sign(String userId) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(this.secret);
			return mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	static class IdentityNotVerifiedException extends ProblemException {

		IdentityNotVerifiedException() {
			super(HttpStatus.FORBIDDEN, "identity-not-verified", "Identity not verified",
					"userHash must be the hex HMAC-SHA256 of userId with the identity secret.");
		}

		@Override
		protected java.util.Map<String, Object> properties() {
			return java.util.Map.of("field", "userHash");
		}

	}

}
