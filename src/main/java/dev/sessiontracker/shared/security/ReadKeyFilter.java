package dev.sessiontracker.shared.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates a request that carries the read key as {@code Authorization: Bearer KEY} or {@code X-Api-Key}. */
class ReadKeyFilter extends OncePerRequestFilter {

	static final String API_KEY_HEADER = "X-Api-Key";

	static final String READER = "READER";

	private final ReadKey key;

	ReadKeyFilter(ReadKey key) {
		this.key = key;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.key.matches(presented(request))) {
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("reader", null,
						List.of(new SimpleGrantedAuthority("ROLE_" + READER))));
		}
		chain.doFilter(request, response);
	}

	private static String presented(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7).trim();
		}
		return request.getHeader(API_KEY_HEADER);
	}

}
