package dev.sessiontracker.shared;

import org.junit.jupiter.api.Test;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/** What Tomcat refuses before any servlet runs answers problem+json too, never its HTML page (api.md). */
class ContainerProblemHttpTests extends HttpTest {

	@Test
	void aHeaderTomcatCannotParseGetsAProblem() {
		String answer = Api.raw(this.port,
				"POST /api/v1/sessions/start HTTP/1.1\r\nHost: localhost\r\nUser-Agent: a\u0001b\r\n" + "Content-Type: application/json\r\nContent-Length: 15\r\nConnection: close\r\n\r\n{\"userId\":\"u\"}");

		assertThat(answer).startsWith("HTTP/1.1 400");
		assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(answer).contains("\"status\":400", "\"type\":\"/problems/bad-request\"").doesNotContain("<html");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM user_sessions WHERE user_id = 'u'", Long.class))
			.isZero();
	}

}
