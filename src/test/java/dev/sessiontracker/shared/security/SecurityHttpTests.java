package dev.sessiontracker.shared.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHttpTests extends HttpTest {

	private static final String SESSION = "/api/v1/sessions/0193a8d2-0000-7000-8000-000000000000";

	@Autowired
	private ApplicationContext context;

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/sessions/active", "/api/v1/sessions/user/u/current",
			"/api/v1/sessions/user/u/history", "/api/v1/sessions/patterns/u", SESSION, SESSION + "/events",
			SESSION + "/abandoned-workflows", SESSION + "/pattern", "/api/v1/sessions/bounces?date=2026-11-24",
			"/api/v1/stats/daily", "/api/v1/insights/activity", "/api/v1/insights/engagement",
			"/actuator/metrics", "/actuator/prometheus", "/actuator/info" })
	void readingEndpointsRefuseNoKeyAndAWrongKeyAndAcceptTheRightOne(String path) {
		Api.Response none = new Api(this.port).get(path);
		Api.Response wrong = new Api(this.port, "not-the-key").get(path);
		// A client without the key's Authorization header, so that only X-Api-Key carries it.
		Api.Response apiKeyHeader = new Api(this.port).get(path, Map.of("X-Api-Key", READ_KEY));

		for (Api.Response refused : List.of(none, wrong)) {
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.contentType()).startsWith("application/problem+json");
			assertThat(refused.text("type")).endsWith("/read-key-required");
			assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
		}
		assertThat(this.api.get(path).status()).isNotIn(401, 403);
		assertThat(apiKeyHeader.status()).isNotIn(401, 403);
	}

	@Test
	void theReadKeyIsTheOnlyCredentialThereAreNoUserAccounts() {
		assertThat(this.context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
		assertThat(new Api(this.port).get("/api/v1/stats/daily", Map.of("Authorization", "Basic dXNlcjpwYXNzd29yZA=="))
			.status()).isEqualTo(401);
	}

	@Test
	void rollupNeedsTheKeyToo() {
		assertThat(new Api(this.port).post("/api/v1/stats/daily/2026-11-23/rollup", null).status()).isEqualTo(401);
	}

	@Test
	void ingestionNeedsNoKey() {
		Api browser = new Api(this.port);
		Api.Response started = browser.post("/api/v1/sessions/start", Api.json(Map.of("userId", "anon")));
		String id = started.text("id");

		assertThat(started.status()).isEqualTo(201);
		assertThat(browser.post("/api/v1/sessions/" + id + "/heartbeat", null).status()).isEqualTo(200);
		assertThat(browser.post("/api/v1/sessions/" + id + "/event", Api.json(Map.of("action", "a"))).status())
			.isEqualTo(202);
		assertThat(browser.post("/api/v1/sessions/" + id + "/events",
				Api.json(Map.of("events", List.of(Map.of("action", "b"))))).status()).isEqualTo(202);
		assertThat(browser.post("/api/v1/sessions/" + id + "/end", Api.json(Map.of("reason", "logout"))).status())
			.isEqualTo(200);
	}

	@Test
	void requestsAreMeasuredButSpringSecurityItselfIsNotObserved() {
		new Api(this.port).post("/api/v1/sessions/start", Api.json(Map.of("userId", "measured")));
		List<String> meters = new ArrayList<>();
		this.api.get("/actuator/metrics").json().get("names").forEach(name -> meters.add(name.asString()));

		assertThat(meters).contains("http.server.requests").noneMatch(name -> name.startsWith("spring.security"));
	}

	@Test
	void infoNamesTheBuildsVersionAndTimeToTheKeysHolder() {
		Api.Response info = this.api.get("/actuator/info");

		assertThat(info.status()).isEqualTo(200);
		assertThat(info.json().path("build").path("version").asString()).isNotBlank()
			.isEqualTo(this.context.getBean(BuildProperties.class).getVersion());
		assertThat(info.json().path("build").path("time").asString()).isNotBlank();
	}

	@Test
	void healthAndApiDocsArePublic() {
		Api browser = new Api(this.port);

		assertThat(browser.get("/actuator/health").status()).isEqualTo(200);
		assertThat(browser.get("/v3/api-docs").status()).isEqualTo(200);
		assertThat(browser.get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

	@Test
	void corsPreflightIsAllowedForIngestionFromConfiguredOriginsOnly() {
		Api.Response allowed = preflight("/api/v1/sessions/start", ALLOWED_ORIGIN);
		Api.Response stranger = preflight("/api/v1/sessions/start", "https://evil.example.net");
		Api.Response reading = preflight("/api/v1/sessions/active", ALLOWED_ORIGIN);

		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
		assertThat(allowed.header("Access-Control-Allow-Methods")).contains("POST");
		assertThat(stranger.status()).isEqualTo(403);
		assertThat(stranger.contentType()).startsWith("application/problem+json");
		assertThat(stranger.text("type")).endsWith("/origin-not-allowed");
		assertThat(stranger.header("Access-Control-Allow-Origin")).isNull();
		assertThat(reading.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void crossOriginIngestionIsAnsweredWithCorsHeadersForConfiguredOriginsOnly() {
		Api.Response allowed = startFrom(ALLOWED_ORIGIN);
		Api.Response stranger = startFrom("https://evil.example.net");

		assertThat(allowed.status()).isEqualTo(201);
		assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
		assertThat(allowed.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(stranger.status()).isEqualTo(403);
		assertThat(stranger.contentType()).startsWith("application/problem+json");
		assertThat(stranger.text("type")).endsWith("/origin-not-allowed");
		assertThat(stranger.header("Access-Control-Allow-Origin")).isNull();
		assertThat(stranger.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(stranger.header("X-Frame-Options")).isEqualTo("DENY");
	}

	@Test
	void onlyPostAndPreflightToAnIngestionPathSkipTheKey() {
		Api.Response get = new Api(this.port).get("/api/v1/sessions/start");

		assertThat(get.status()).isEqualTo(401);
		assertThat(get.text("type")).endsWith("/read-key-required");
	}

	@Test
	void noAnswerTakesItsHostFromTheRequestsHostHeader() {
		String redirect = Api.raw(this.port,
				"GET /dashboard HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");

		assertThat(redirect).startsWith("HTTP/1.1 302").containsIgnoringCase("Location: /dashboard/\r\n");
		assertThat(this.api.get("/v3/api-docs").json().at("/servers/0/url").asString())
			.as("Swagger UI sends the key to the document's server, which is this one").isEqualTo("/");
	}

	@Test
	void pagesAndApiDocsCarrySecurityHeaders() {
		Api.Response ui = new Api(this.port).get("/swagger-ui/index.html");

		assertThat(ui.header("Content-Security-Policy")).contains("frame-ancestors 'none'", "default-src 'self'");
		assertThat(ui.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(ui.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	private Api.Response startFrom(String origin) {
		return new Api(this.port).send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port
				+ "/api/v1/sessions/start"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"cross-origin\"}"))
			.header("Content-Type", "application/json")
			.header("Origin", origin));
	}

	private Api.Response preflight(String path, String origin) {
		return new Api(this.port).send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type"));
	}

}
