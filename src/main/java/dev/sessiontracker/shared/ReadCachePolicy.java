package dev.sessiontracker.shared;

import java.util.Enumeration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Whether a read may be answered from the read caches (daily statistics, insights, {@code /active}). Only a request
 * that says it accepts an answer computed a while ago, with {@code Cache-Control: max-stale}, gets one, as the
 * dashboard's polling does; every other request gets figures computed on the request, so that what a client has just
 * written shows in what it reads next. The directive's value, if any, is not read: the caches' own ages apply.
 */
public final class ReadCachePolicy {

	/** The condition of the read caches' {@code @Cacheable} methods. */
	public static final String WHEN_ACCEPTED = "T(dev.sessiontracker.shared.ReadCachePolicy).acceptsCached()";

	private ReadCachePolicy() {
	}

	/** @return true when the current request accepts a cached answer; false outside a request */
	public static boolean acceptsCached() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (!(attributes instanceof ServletRequestAttributes servlet)) {
			return false;
		}
		HttpServletRequest request = servlet.getRequest();
		Enumeration<String> values = request.getHeaders(HttpHeaders.CACHE_CONTROL);
		while (values != null && values.hasMoreElements()) {
			for (String directive : values.nextElement().split(",")) {
				String name = directive.strip().toLowerCase(Locale.ROOT);
				if (name.equals("max-stale") || name.startsWith("max-stale=")) {
					return true;
				}
			}
		}
		return false;
	}

}
