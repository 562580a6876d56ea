package dev.sessiontracker.shared;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers the API's media-type mistakes before a handler runs. Spring MVC negotiates the answer's type only after
 * the handler has returned, so a request whose {@code Accept} takes no JSON was started, stored or ended and then
 * answered 406 (with the new session's {@code Location}, and no problem+json); and it fails with a 500 on a wildcard
 * {@code Content-Type} ({@code application/*}), which it cannot set on the request's headers. Here a body of a
 * wildcard or unreadable type is 415, and an {@code Accept} that takes no {@code application/json} (the type of
 * every API answer) is 406, both as problem+json and before anything is written. It only reads headers, so it runs
 * first, before the body is read (a refused body is never uploaded: Tomcat sends {@code 100 Continue} on its read).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class MediaTypeFilter extends OncePerRequestFilter {

	private final JsonMapper json;

	MediaTypeFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getContentType();
		if (contentType != null && !contentType.isBlank() && !concrete(contentType)) {
			Problems.write(response, this.json,
					Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported Media Type",
							"Content-Type '" + contentType + "' is not supported: send application/json."));
			return;
		}
		List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
		if (!accept.isEmpty() && !takesJson(accept)) {
			Problems.write(response, this.json, Problems.of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable",
					"Not Acceptable", "This API answers application/json (problems as application/problem+json); "
							+ "Accept '" + String.join(", ", accept) + "' takes neither."));
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean concrete(String contentType) {
		try {
			return MediaType.parseMediaType(contentType).isConcrete();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static boolean takesJson(List<String> accept) {
		try {
			return MediaType.parseMediaTypes(accept)
				.stream()
				.anyMatch(type -> type.getQualityValue() > 0 && type.includes(MediaType.APPLICATION_JSON));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
