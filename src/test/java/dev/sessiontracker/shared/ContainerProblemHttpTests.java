package dev.sessiontracker.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.sessiontracker.support.HttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/** What Tomcat refuses before any servlet runs answers problem+json too, never its HTML page (api.md). */
class ContainerProblemHttpTests extends HttpTest {

	@Test
	void aHeaderTomcatCannotParseGetsAProblem() throws IOException {
		String answer = raw("POST /api/v1/sessions/start HTTP/1.1\r\nHost: localhost\r\nUser-Agent: a\u0001b\r\n"
				+ "Content-Type: application/json\r\nContent-Length: 15\r\nConnection: close\r\n\r\n{\"userId\":\"u\"}");

		assertThat(answer).startsWith("HTTP/1.1 400");
		assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(answer).contains("\"status\":400", "\"type\":\"/problems/bad-request\"").doesNotContain("<html");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM user_sessions WHERE user_id = 'u'", Long.class))
			.isZero();
	}

	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
