package dev.sessiontracker.shared.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.sessiontracker.shared.ClientBuckets;

/**
 * Authenticates a request that carries the read key as {@code Authorization: Bearer KEY} or {@code X-Api-Key}. Each
 * client IP may send {@code tracker.security.wrong-keys-per-minute} wrong keys a minute: every key it sends takes a
 * token before it is compared and the right one gives it back, so once a client has spent them, any key it sends is
 * refused with 429 without being compared (the right one too: an answer that told them apart would let the guessing
 * go on) until the next token is due. Requests without a key are not counted: they are refused with 401 anyway.
 */
class ReadKeyFilter extends OncePerRequestFilter {

	static final String API_KEY_HEADER = "X-Api-Key";

	static final String READER = "READER";

	private final ReadKey key;

	private final ClientBuckets wrongKeys;

	private final JsonMapper json;

	ReadKeyFilter(ReadKey key, int wrongKeysPerMinute, Clock clock, JsonMapper json) {
		this.key = key;
		this.wrongKeys = wrongKeysPerMinute > 0 ? new ClientBuckets(() -> perMinute(wrongKeysPerMinute, clock)) : null;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = presented(request);
		if (presented != null) {
			Bucket client = this.wrongKeys != null ? this.wrongKeys.of(request) : null;
			if (client != null && ClientBuckets.refused(client, response, this.json, "too-many-wrong-keys",
					"Too many wrong read keys from this client.")) {
				return;
			}
			if (this.key.matches(presented)) {
				if (client != null) {
					client.addTokens(1);
				}
				SecurityContextHolder.getContext()
					.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("reader", null,
							List.of(new SimpleGrantedAuthority("ROLE_" + READER))));
			}
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

	/** {@code count} tokens, one coming back every minute / count, on the service's clock (which tests move). */
	private static Bucket perMinute(int count, Clock clock) {
		return Bucket.builder()
			.addLimit(limit -> limit.capacity(count).refillGreedy(count, Duration.ofMinutes(1)))
			.withCustomTimePrecision(ClientBuckets.timeOf(clock))
			.build();
	}

}
