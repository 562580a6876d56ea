package dev.sessiontracker.shared;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token-bucket rate limits on ingestion (every POST under /api/v1/sessions/): one bucket per client IP, kept in
 * memory only and forgotten least-recently-used first, and one for the whole instance. Over a limit the answer is
 * 429 with Retry-After, before the body is even read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RateLimitFilter extends OncePerRequestFilter {

	private static final int MAX_TRACKED_CLIENTS = 100_000;

	private final int perClientRate;

	private final Bucket global;

	private final Map<String, Bucket> clients = Collections
		.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > MAX_TRACKED_CLIENTS;
			}
		});

	private final JsonMapper json;

	RateLimitFilter(LimitProperties limits, JsonMapper json) {
		this.perClientRate = limits.perClientRate();
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
		if (this.perClientRate > 0) {
			Bucket client = this.clients.computeIfAbsent(request.getRemoteAddr(), ip -> bucket(this.perClientRate));
			if (refused(client, response, "Too many requests from this client.")) {
				return;
			}
		}
		if (this.global != null && refused(this.global, response, "The service is at its request limit.")) {
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean refused(Bucket bucket, HttpServletResponse response, String detail) throws IOException {
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return false;
		}
		long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		Problems.write(response, this.json, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
				"Too many requests", detail + " Retry after " + retryAfter + " s."));
		return true;
	}

	/** {@code rate} a second, with bursts up to twice that. */
	private static Bucket bucket(int rate) {
		return Bucket.builder()
			.addLimit(limit -> limit.capacity(2L * rate).refillGreedy(rate, Duration.ofSeconds(1)))
			.build();
	}

}
