package dev.sessiontracker.sdk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The browser SDK against a service that verifies identities (tracker.security.identity-secret). */
// The secret of IdentityVerificationHttpTests, so that both share one application context.
@TestPropertySource(properties = "tracker.security.identity-secret=" + SdkIdentityBrowserTests.SECRET)
class SdkIdentityBrowserTests extends HttpTest {

	static final String SECRET = "shared-with-the-host-app";

	@BeforeEach
	void setUpBrowserTest() {
		assumeTrue(Browser.available(), "browser tests skipped: " + Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
				+ " is missing");
		// The browser stamps events with its real time: the server's clock starts there (see SdkBrowserTests).
		this.clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
	}

	@Test
	void identifyStartsTheNextUsersSessionWithTheHashItIsGivenAndNeverWithThePreviousUsers() throws Exception {
		String alice = "alice-" + UUID.randomUUID();
		String bob = "bob-" + UUID.randomUUID();
		String carol = "carol-" + UUID.randomUUID();
		try (Browser browser = new Browser()) {
			browser.open("http://localhost:" + this.port + "/sdk/v1/demo.html");
			browser.js("var original = window.fetch; window.starts = [];"
					+ " window.fetch = function (url, init) { if (/\\/start$/.test(url)) { starts.push(JSON.parse(init.body)); }"
					+ " return original.apply(this, arguments); };");
			Object first = call(browser, "init(arguments[0])", Map.of("userId", alice, "userHash", hmac(alice)));

			Object second = call(browser, "identify(arguments[0], arguments[1])", bob, hmac(bob));

			assertThat(first).isInstanceOf(String.class);
			assertThat(second).isInstanceOf(String.class).isNotEqualTo(first);
			assertThat(this.api.get("/api/v1/sessions/" + second).text("userId")).isEqualTo(bob);
			assertThat(this.api.get("/api/v1/sessions/" + first).json().at("/exit/reason").asString())
				.isEqualTo("navigation");

			// No hash for carol: her start goes without one (the server refuses it) and is not tried again.
			Object third = call(browser, "identify(arguments[0])", carol);
			call(browser, "_advance(arguments[0])", 600_000);

			assertThat(third).isNull();
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> starts = (List<Map<String, Object>>) browser.js("return window.starts");
			assertThat(starts).extracting(start -> start.get("userId")).containsExactly(alice, bob, carol);
			assertThat(starts).extracting(start -> start.get("userHash")).containsExactly(hmac(alice), hmac(bob), null);
		}
	}

	/** Calls SessionTracker.{call} and waits for the promise (or value) it returns. */
	private static Object call(Browser browser, String call, Object... args) {
		return browser.jsAsync("var done = arguments[arguments.length - 1];"
				+ "Promise.resolve(SessionTracker." + call + ").then(function (r) { done(r === undefined ? null : r); },"
				+ " function (e) { done('rejected: ' + e); });", args);
	}

	private static String hmac(String userId) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
	}

}
