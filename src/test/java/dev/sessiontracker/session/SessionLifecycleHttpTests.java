package dev.sessiontracker.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

class SessionLifecycleHttpTests extends HttpTest {

	private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1";

	@Test
	void anEndNeverPrecedesActivityThatCommittedBeforeIt() {
		this.clock.set(T0);
		String id = startSession("end-after-activity");
		// As if a batch committed at T0+5min between this /end reading the clock (T0+4min) and locking the row.
		this.jdbc.update("UPDATE user_sessions SET last_seen = ? WHERE id = ?::uuid",
				utc(T0.plus(Duration.ofMinutes(5))), id);
		this.clock.set(T0.plus(Duration.ofMinutes(4)));

		JsonNode ended = this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout"))).json();

		assertThat(Instant.parse(ended.get("endTime").asString())).isEqualTo(T0.plus(Duration.ofMinutes(5)));
		assertThat(ended.get("duration").asLong()).isEqualTo(300);
	}

	@Test
	void startCreatesAnOpenSessionWithATimeOrderedIdAndLocation() {
		Api.Response response = this.api.post("/api/v1/sessions/start",
				Api.json(Map.of("userId", "alice@example.org")));

		assertThat(response.status()).isEqualTo(201);
		JsonNode session = response.json();
		String id = session.get("id").asString();
		assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		assertThat(response.header("Location")).endsWith("/api/v1/sessions/" + id);
		assertThat(session.get("userId").asString()).isEqualTo("alice@example.org");
		assertThat(Instant.parse(session.get("startTime").asString())).isEqualTo(T0);
		assertThat(session.get("endTime").isNull()).isTrue();
		assertThat(session.get("exit").isNull()).isTrue();
		assertThat(session.get("active").asBoolean()).isTrue();
		assertThat(session.get("actions").asInt()).isZero();
		assertThat(this.api.get("/api/v1/sessions/" + id).json().get("userId").asString())
			.isEqualTo("alice@example.org");
	}

	@Test
	void startDerivesDeviceFromUserAgentAndEntryFromReferrerAndPage() {
		String body = Api.json(Map.of("userId", "42", "entry",
				Map.of("page", "https://shop.example.com/pricing?utm_campaign=spring%20sale", "referrer",
						"https://news.example.org/story")));
		JsonNode session = this.api.post("/api/v1/sessions/start", body, Map.of("User-Agent", IPHONE)).json();

		assertThat(session.at("/device/type").asString()).isEqualTo("mobile");
		assertThat(session.at("/device/browser").asString()).isEqualTo("Mobile Safari");
		assertThat(session.at("/device/os").asString()).isEqualTo("iOS");
		assertThat(session.at("/device/bot").asBoolean()).isFalse();
		assertThat(session.at("/entry/source").asString()).isEqualTo("external");
		assertThat(session.at("/entry/campaign").asString()).isEqualTo("spring sale");
	}

	@Test
	void startKeepsDeviceAndEntryFieldsTheClientSent() {
		String body = Api.json(Map.of("userId", "u-1", "device",
				Map.of("type", "tablet", "browser", "MyApp", "screenSize", "1024x768"), "entry",
				Map.of("page", "/home", "referrer", "https://shop.example.com/cart", "source", "internal")));
		JsonNode session = this.api.post("/api/v1/sessions/start", body, Map.of("User-Agent", IPHONE)).json();

		assertThat(session.at("/device/type").asString()).isEqualTo("tablet");
		assertThat(session.at("/device/browser").asString()).isEqualTo("MyApp");
		assertThat(session.at("/device/os").asString()).isEqualTo("iOS");
		assertThat(session.at("/device/screenSize").asString()).isEqualTo("1024x768");
		assertThat(session.at("/entry/source").asString()).isEqualTo("internal");
	}

	@Test
	void relativeEntryPageIsInternalWhenReferrerMatchesTheCallingOrigin() {
		String body = Api.json(Map.of("userId", "u-2", "entry",
				Map.of("page", "/pricing", "referrer", ALLOWED_ORIGIN + "/")));
		JsonNode session = this.api.post("/api/v1/sessions/start", body, Map.of("Origin", ALLOWED_ORIGIN)).json();

		assertThat(session.at("/entry/source").asString()).isEqualTo("internal");
		assertThat(this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "u-3"))).json()
			.at("/entry/source").asString()).isEqualTo("direct");
	}

	@Test
	void timesInAnswersAreTheStoredTimesAtMicrosecondPrecision() {
		this.clock.set(Instant.parse("2026-11-24T10:00:00.123456789Z"));
		JsonNode started = this.api.post("/api/v1/sessions/start", Api.json(Map.of("userId", "precise"))).json();
		String id = started.get("id").asString();
		this.clock.set(Instant.parse("2026-11-24T10:00:05.987654321Z"));

		JsonNode ended = this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout")))
			.json();

		JsonNode stored = this.api.get("/api/v1/sessions/" + id).json();
		assertThat(started.get("startTime").asString()).isEqualTo("2026-11-24T10:00:00.123456Z");
		assertThat(ended.get("endTime").asString()).isEqualTo("2026-11-24T10:00:05.987654Z");
		assertThat(stored).isEqualTo(ended);
	}

	@Test
	void heartbeatMovesLastSeenToNow() {
		String id = startSession("hb-user");
		Instant later = this.clock.advance(Duration.ofMinutes(20));

		Api.Response response = this.api.post("/api/v1/sessions/" + id + "/heartbeat", null);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("active").asBoolean()).isTrue();
		assertThat(Instant.parse(response.text("lastSeen"))).isEqualTo(later);
		assertThat(response.text("id")).isEqualTo(id);
	}

	@Test
	void heartbeatAfterTheIdleTimeoutClosesTheSessionAtItsLastActivityAnd409s() {
		String id = startSession("idle-user");
		Instant lastActivity = this.clock.advance(Duration.ofMinutes(10));
		this.api.post("/api/v1/sessions/" + id + "/heartbeat", null);
		this.clock.advance(Duration.ofMinutes(31));

		Api.Response response = this.api.post("/api/v1/sessions/" + id + "/heartbeat", null);

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("type")).endsWith("/session-ended");
		JsonNode session = this.api.get("/api/v1/sessions/" + id).json();
		assertThat(Instant.parse(session.get("endTime").asString())).isEqualTo(lastActivity);
		assertThat(session.at("/exit/reason").asString()).isEqualTo("timeout");
		assertThat(session.get("duration").asLong()).isEqualTo(600);
	}

	@Test
	void endRecordsReasonExitPageAndExactDurationEvenOverADay() {
		String id = startSession("long-user");
		for (int hour = 1; hour <= 25; hour++) {
			this.clock.advance(Duration.ofMinutes(20));
			this.api.post("/api/v1/sessions/" + id + "/heartbeat", null);
			this.clock.advance(Duration.ofMinutes(20));
			this.api.post("/api/v1/sessions/" + id + "/heartbeat", null);
			this.clock.advance(Duration.ofMinutes(20));
			this.api.post("/api/v1/sessions/" + id + "/heartbeat", null);
		}

		Api.Response response = this.api.post("/api/v1/sessions/" + id + "/end",
				Api.json(Map.of("reason", "logout", "page", "/account", "lastAction", "click_logout")));

		assertThat(response.status()).isEqualTo(200);
		JsonNode session = response.json();
		assertThat(session.get("duration").asLong()).isEqualTo(90_000);
		assertThat(session.get("active").asBoolean()).isFalse();
		assertThat(session.at("/exit/reason").asString()).isEqualTo("logout");
		assertThat(session.at("/exit/page").asString()).isEqualTo("/account");
		assertThat(session.at("/exit/lastAction").asString()).isEqualTo("click_logout");
	}

	@Test
	void exitPageFallsBackToLastPageViewThenToTheEntryPage() {
		String withViews = this.api
			.post("/api/v1/sessions/start", Api.json(Map.of("userId", "p", "entry", Map.of("page", "/landing"))))
			.text("id");
		this.api.post("/api/v1/sessions/" + withViews + "/events", Api.json(Map.of("events",
				List.of(Map.of("action", "page_view", "data", Map.of("page", "/a")),
						Map.of("action", "page_view", "data", Map.of("page", "/b"))))));
		String withoutViews = this.api
			.post("/api/v1/sessions/start", Api.json(Map.of("userId", "p", "entry", Map.of("page", "/landing"))))
			.text("id");

		String end = Api.json(Map.of("reason", "navigation"));
		assertThat(this.api.post("/api/v1/sessions/" + withViews + "/end", end).json().at("/exit/page").asString())
			.isEqualTo("/b");
		assertThat(this.api.post("/api/v1/sessions/" + withoutViews + "/end", end).json().at("/exit/page").asString())
			.isEqualTo("/landing");
	}

	@Test
	void endingAgainReturnsTheSessionUnchanged() {
		String id = startSession("twice");
		this.clock.advance(Duration.ofMinutes(5));
		JsonNode first = this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout"))).json();
		this.clock.advance(Duration.ofMinutes(5));

		Api.Response second = this.api.post("/api/v1/sessions/" + id + "/end",
				Api.json(Map.of("reason", "error", "page", "/elsewhere")));

		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json()).isEqualTo(first);
	}

	@Test
	void lateEndOfATimedOutSessionEndsItAsTimeoutAtItsLastActivity() {
		String id = startSession("late-end");
		Instant lastActivity = this.clock.advance(Duration.ofMinutes(3));
		this.api.post("/api/v1/sessions/" + id + "/heartbeat", null);
		this.clock.advance(Duration.ofHours(2));

		JsonNode session = this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout")))
			.json();

		assertThat(session.at("/exit/reason").asString()).isEqualTo("timeout");
		assertThat(Instant.parse(session.get("endTime").asString())).isEqualTo(lastActivity);
		assertThat(session.get("duration").asLong()).isEqualTo(180);
	}

	@Test
	void heartbeatOrEndOfAnUnknownSessionIs404() {
		String unknown = "/api/v1/sessions/0193a8d2-0000-7000-8000-000000000000";

		assertThat(this.api.post(unknown + "/heartbeat", null).status()).isEqualTo(404);
		assertThat(this.api.post(unknown + "/end", Api.json(Map.of("reason", "logout"))).status()).isEqualTo(404);
		Api.Response get = this.api.get(unknown);
		assertThat(get.status()).isEqualTo(404);
		assertThat(get.text("type")).endsWith("/session-not-found");
		assertThat(this.api.get("/api/v1/sessions/not-a-uuid").status()).isEqualTo(404);
	}

	@Test
	void heartbeatOfAnEndedSessionIs409() {
		String id = startSession("ended");
		this.api.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout")));

		Api.Response response = this.api.post("/api/v1/sessions/" + id + "/heartbeat", null);

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.text("type")).endsWith("/session-ended");
	}

	@Test
	void currentSessionIsTheUsersActiveOneAndHistoryListsNewestFirst() {
		String first = startSession("hist");
		this.api.post("/api/v1/sessions/" + first + "/end", Api.json(Map.of("reason", "logout")));
		this.clock.advance(Duration.ofMinutes(1));
		String second = startSession("hist");
		this.clock.advance(Duration.ofMinutes(1));
		String third = startSession("hist");

		assertThat(this.api.get("/api/v1/sessions/user/hist/current").text("id")).isEqualTo(third);
		List<String> history = this.api.get("/api/v1/sessions/user/hist/history").json().valueStream()
			.map(s -> s.get("id").asString())
			.toList();
		assertThat(history).containsExactly(third, second, first);
		assertThat(this.api.get("/api/v1/sessions/user/hist/history?limit=2").json().size()).isEqualTo(2);
		assertThat(this.api.get("/api/v1/sessions/user/nobody/current").status()).isEqualTo(404);
		assertThat(this.api.get("/api/v1/sessions/user/nobody/history").json().size()).isZero();
	}

	@Test
	void currentSessionIgnoresOneThatWentIdle() {
		startSession("sleepy");
		this.clock.advance(Duration.ofMinutes(31));

		assertThat(this.api.get("/api/v1/sessions/user/sleepy/current").status()).isEqualTo(404);
	}

	@Test
	void activeCountsAllActiveSessionsAndListsTheNewestLimit() {
		deleteAllSessions();
		String idle = startSession("a1");
		this.clock.advance(Duration.ofMinutes(31));
		String ended = startSession("a2");
		this.api.post("/api/v1/sessions/" + ended + "/end", Api.json(Map.of("reason", "logout")));
		String older = startSession("a3");
		this.clock.advance(Duration.ofSeconds(1));
		String newer = startSession("a4");

		JsonNode active = this.api.get("/api/v1/sessions/active?limit=1").json();

		assertThat(active.get("count").asLong()).isEqualTo(2);
		assertThat(active.get("sessions").valueStream().map(s -> s.get("id").asString())).containsExactly(newer);
		assertThat(this.api.get("/api/v1/sessions/active").json().get("sessions").valueStream()
			.map(s -> s.get("id").asString())).containsExactly(newer, older).doesNotContain(idle);
	}

	@Test
	void bouncesAreThatDaysShortSessionsWithAtMostOneAction() {
		deleteAllSessions();
		String bounce = startSession("b1");
		this.clock.advance(Duration.ofSeconds(10));
		this.api.post("/api/v1/sessions/" + bounce + "/event", Api.json(Map.of("action", "page_view")));
		this.api.post("/api/v1/sessions/" + bounce + "/end", Api.json(Map.of("reason", "navigation")));
		String busy = startSession("b2");
		this.api.post("/api/v1/sessions/" + busy + "/events",
				Api.json(Map.of("events", List.of(Map.of("action", "a"), Map.of("action", "b")))));
		this.api.post("/api/v1/sessions/" + busy + "/end", Api.json(Map.of("reason", "navigation")));
		String lingering = startSession("b3");
		this.clock.advance(Duration.ofSeconds(30));
		this.api.post("/api/v1/sessions/" + lingering + "/end", Api.json(Map.of("reason", "navigation")));
		startSession("b4");

		List<String> bounces = this.api.get("/api/v1/sessions/bounces?date=2026-11-24").json().valueStream()
			.map(s -> s.get("id").asString())
			.toList();

		assertThat(bounces).containsExactly(bounce);
		assertThat(this.api.get("/api/v1/sessions/bounces?date=2026-11-23").json().size()).isZero();
	}

}
