package dev.sessiontracker.shared;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problems as this service writes them: a type under {@code /problems/}, a title, a detail. */
public final class Problems {

	private Problems() {
	}

	/** Problem types are relative URIs under {@code /problems/}, resolved against this service. */
	public static URI type(String slug) {
		return URI.create("/problems/" + slug);
	}

	/** The type of a problem known by its status alone: {@code bad-request}, {@code not-found}. */
	public static String slug(HttpStatus status) {
		return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(type));
		problem.setTitle(title);
		return problem;
	}

	/** Answers with the problem from a filter, before Spring MVC (and its exception handling) is reached. */
	public static void write(HttpServletResponse response, JsonMapper json, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
