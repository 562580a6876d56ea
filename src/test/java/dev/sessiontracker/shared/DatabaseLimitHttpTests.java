package dev.sessiontracker.shared;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sessiontracker.support.Api;
import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that PostgreSQL refuses with SQLSTATE class 54, "program limit exceeded" (as the export did once a
 * user's data passed 1 GB, "string buffer exceeds maximum allowed length"), fails the same way whenever it runs: it is
 * not the database being unavailable for a while, so the answer is a 500 problem without Retry-After, not a 503 that
 * tells the client to try again.
 */
@Import(DatabaseLimitHttpTests.OverTheLimit.class)
class DatabaseLimitHttpTests extends HttpTest {

	@Test
	void aStatementOverALimitOfTheDatabaseIsAServerErrorNotAnOutageToRetry() {
		Api.Response answer = this.api.get("/api/v1/test/over-the-limit");

		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.header("Retry-After")).isNull();
		assertThat(answer.text("type")).isEqualTo("/problems/database-limit-exceeded");
		assertThat(answer.text("detail")).contains("will not help");
		assertThat(answer.body()).as("no SQL, no database message, no stack trace")
			.doesNotContain("repeat", "SELECT", "requested length", "Exception", "at org.");
	}

	@TestConfiguration(proxyBeanMethods = false)
	@RestController
	static class OverTheLimit {

		private final JdbcClient jdbc;

		OverTheLimit(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		// 1 GiB of text: PostgreSQL refuses it at once ("requested length too large", SQLSTATE 54000)
		@GetMapping("/api/v1/test/over-the-limit")
		String overTheLimit() {
			return this.jdbc.sql("SELECT repeat('x', 1073741824)").query(String.class).single();
		}

	}

}
