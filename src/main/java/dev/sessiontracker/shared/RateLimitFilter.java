package dev.sessiontracker.shared;

import java.io.IOException;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token-bucket rate limits on ingestion (every POST under /api/v1/sessions/): one bucket per client IP
 * ({@link ClientBuckets}), and one for the whole instance. Over a limit the answer is 429 with Retry-After, before the
 * body is even read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RateLimitFilter extends OncePerRequestFilter {

	private final ClientBuckets clients;

	private final Bucket global;

	private final JsonMapper json;

	RateLimitFilter(LimitProperties limits, JsonMapper json) {
		this.clients = limits.perClientRate() > 0 ? new ClientBuckets(() -> bucket(limits.perClientRate())) : null;
		this.global = limits.globalRate() > 0 ? bucket(limits.globalRate()) : null;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && request.getRequestURI().startsWith("/api/v1/sessions/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.clients != null && ClientBuckets.refused(this.clients.of(request), response, this.json,
				"rate-limited", "Too many requests from this client.")) {
			return;
		}
		if (this.global != null && ClientBuckets.refused(this.global, response, this.json, "rate-limited",
				"The service is at its request limit.")) {
			return;
		}
		chain.doFilter(request, response);
	}

	/** {@code rate} a second, with bursts up to twice that, in wall-clock milliseconds (the buckets' default time). */
	private static Bucket bucket(int rate) {
		return ClientBuckets.perSecond(rate, TimeMeter.SYSTEM_MILLISECONDS);
	}

}
