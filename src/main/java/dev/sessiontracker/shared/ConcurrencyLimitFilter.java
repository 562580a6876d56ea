package dev.sessiontracker.shared;

import java.io.IOException;
import java.util.concurrent.Semaphore;

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
 * Bounds the API requests in progress at once ({@code tracker.limits.max-concurrent-requests}). One more is
 * answered 503 with Retry-After at once instead of waiting in a queue: with virtual threads nothing else bounds how
 * many requests wait for a database connection.
 * <p>
 * The permit is taken only once {@link BodyLimitFilter} has read the body (bounded in size and time): a request whose
 * body is still arriving does no work, and if it held a permit, as many slow clients as permits would shut every
 * other client out for as long as they kept trickling.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 7)
class ConcurrencyLimitFilter extends OncePerRequestFilter {

	private final Semaphore permits;

	private final JsonMapper json;

	ConcurrencyLimitFilter(LimitProperties limits, JsonMapper json) {
		this.permits = limits.maxConcurrentRequests() > 0 ? new Semaphore(limits.maxConcurrentRequests()) : null;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.permits == null || !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.permits.tryAcquire()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			Problems.write(response, this.json, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
					"Service overloaded", "Too many requests in progress. Retry after 1 s."));
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.permits.release();
		}
	}

}
