package dev.sessiontracker.session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A user id is any string of 1 to 128 characters (api.md): every one a session starts with can be read back. */
class UserIdInPathHttpTests extends HttpTest {

	private static final List<String> AWKWARD = List.of("tenant/42", "a\\b", "50%", "a;b=c", "a//b", "/lead",
			"line\nbreak", "x%2Fy", "../../start", "é/中", "a?b#c", "a b+c", " ");

	@Test
	void everyUserIdReadsBackThroughTheEndpointsThatNameIt() {
		for (String userId : AWKWARD) {
			String sessionId = startSession(userId);
			String user = segment(userId);

			Api.Response history = this.api.get("/api/v1/sessions/user/" + user + "/history");
			Api.Response current = this.api.get("/api/v1/sessions/user/" + user + "/current");
			Api.Response pattern = this.api.get("/api/v1/sessions/patterns/" + user);
			Api.Response export = this.api.get("/api/v1/users/" + user + "/export");

			assertThat(history.status()).as("history of %s", userId).isEqualTo(200);
			assertThat(history.json().get(0).get("id").asString()).as("history of %s", userId).isEqualTo(sessionId);
			assertThat(history.json()).as("history of %s", userId).hasSize(1);
			assertThat(current.status()).as("current of %s", userId).isEqualTo(200);
			assertThat(current.text("userId")).isEqualTo(userId);
			assertThat(pattern.status()).as("pattern of %s", userId).isEqualTo(200);
			assertThat(pattern.text("userId")).isEqualTo(userId);
			assertThat(export.status()).as("export of %s", userId).isEqualTo(200);
			assertThat(export.text("userId")).isEqualTo(userId);
		}
	}

	@Test
	void theRelaxedPathsStillNeedTheReadKey() {
		startSession("tenant/7");

		Api.Response anonymous = new Api(this.port).get("/api/v1/sessions/user/tenant%2F7/history");

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.contentType()).startsWith("application/problem+json");
	}

	@Test
	void encodedSlashesElsewhereAreRefusedAsAProblem() {
		Api.Response heartbeat = this.api.post("/api/v1/sessions/a%2Fb/heartbeat", "");
		Api.Response backslash = this.api.get("/api/v1/sessions/a%5Cb");

		for (Api.Response refused : List.of(heartbeat, backslash)) {
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.contentType()).startsWith("application/problem+json");
		}
	}

	/** As a browser's {@code encodeURIComponent}: every reserved character encoded, a space as {@code %20}. */
	private static String segment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
