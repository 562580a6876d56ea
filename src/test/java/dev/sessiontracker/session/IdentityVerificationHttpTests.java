package dev.sessiontracker.session;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = "tracker.security.identity-secret=" + IdentityVerificationHttpTests.SECRET)
class IdentityVerificationHttpTests extends HttpTest {

	static final String SECRET = "shared-with-the-host-app";

	@Test
	void startAcceptsTheHmacOfTheUserId() throws Exception {
		Api.Response response = start("alice", hmac("alice"));

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.text("userId")).isEqualTo("alice");
	}

	@Test
	void startRefusesAMissingWrongOrBorrowedHashAndStoresNothing() throws Exception {
		long before = this.jdbc.queryForObject("SELECT count(*) FROM user_sessions", Long.class);

		Api.Response missing = this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "alice")));
		Api.Response wrong = start("alice", "00ff");
		Api.Response borrowed = start("mallory", hmac("alice"));
		Api.Response notHex = start("alice", "zz");

		for (Api.Response refused : new Api.Response[] { missing, wrong, borrowed, notHex }) {
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.text("type")).endsWith("/identity-not-verified");
			assertThat(refused.text("field")).isEqualTo("userHash");
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM user_sessions", Long.class)).isEqualTo(before);
	}

	private Api.Response start(String userId, String userHash) {
		return this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", userId, "userHash", userHash)));
	}

	private static String hmac(String userId) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
	}

}
