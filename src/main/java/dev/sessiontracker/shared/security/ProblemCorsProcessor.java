package dev.sessiontracker.shared.security;

import java.io.IOException;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

import dev.sessiontracker.shared.Problems;

/**
 * Spring's CORS checks, but a refused request (an origin not in {@code tracker.security.allowed-origins}) is answered
 * 403 problem+json like every other error, with the same security headers, instead of the plain text "Invalid CORS
 * request".
 */
final class ProblemCorsProcessor extends DefaultCorsProcessor {

	private final JsonMapper json;

	ProblemCorsProcessor(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void rejectRequest(ServerHttpResponse response) throws IOException {
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		// what Spring Security's headers writer gives every other answer, which this one, refused first, never reaches
		response.getHeaders().set("X-Content-Type-Options", "nosniff");
		response.getHeaders().set("X-Frame-Options", "DENY");
		response.getBody()
			.write(this.json.writeValueAsBytes(Problems.of(HttpStatus.FORBIDDEN, "origin-not-allowed",
					"Origin not allowed", "This origin may not call the ingestion endpoints: it is not in "
							+ "tracker.security.allowed-origins.")));
		response.flush();
	}

}
