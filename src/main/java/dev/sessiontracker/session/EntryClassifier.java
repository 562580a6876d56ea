package dev.sessiontracker.session;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies how a session entered the site (direct, internal navigation or external referral) and
 * which campaign brought it. Inputs come straight from browsers, so every method tolerates garbage.
 */
public final class EntryClassifier {

	public static final String DIRECT = "direct";
	public static final String INTERNAL = "internal";
	public static final String EXTERNAL = "external";

	private static final int MAX_CAMPAIGN_LENGTH = 255;
	// A regex instead of java.net.URI: referrers often carry unencoded characters in path or query
	// (spaces, pipes) that URI rejects, although their host is perfectly usable.
	// Backslash ends the authority because browsers treat it like "/" in http(s) URLs.
	private static final Pattern AUTHORITY =
			Pattern.compile("^(?:[a-z][a-z0-9+.-]*:)?//([^/?#\\\\]*)", Pattern.CASE_INSENSITIVE);
	private static final Pattern VALID_HOST =
			Pattern.compile("[a-z0-9._~%-]+|\\[[0-9a-f:.]+]", Pattern.CASE_INSENSITIVE);

	private EntryClassifier() {
	}

	public static String source(String page, String referrer, String fallbackHost, Set<String> internalHosts) {
		if (referrer == null || referrer.isBlank()) {
			return DIRECT;
		}
		String referrerHost = host(referrer.strip());
		if (referrerHost == null) {
			return EXTERNAL;
		}
		String pageHost = page == null ? null : host(page.strip());
		String siteHost = pageHost != null ? pageHost : configuredHost(fallbackHost);
		if (referrerHost.equals(siteHost) || listed(referrerHost, internalHosts)) {
			return INTERNAL;
		}
		return EXTERNAL;
	}

	public static String campaign(String page) {
		if (page == null) {
			return null;
		}
		// The query is what stands between the first '?' and the fragment: a '?' inside the fragment starts none.
		int fragment = page.indexOf('#');
		int end = (fragment < 0) ? page.length() : fragment;
		int queryStart = page.indexOf('?');
		if (queryStart < 0 || queryStart >= end) {
			return null;
		}
		String query = page.substring(queryStart + 1, end);
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0 && "utm_campaign".equals(decode(pair.substring(0, eq)))) {
				// A NUL decoded from %00 cannot be stored (the page, which holds it encoded, can): it is dropped.
				String value = decode(pair.substring(eq + 1));
				value = value == null ? null : value.replace("\u0000", "");
				return value == null || value.isBlank() ? null : truncate(value.strip());
			}
		}
		return null;
	}

	public static String host(String urlOrOrigin) {
		if (urlOrOrigin == null) {
			return null;
		}
		Matcher matcher = AUTHORITY.matcher(urlOrOrigin);
		if (!matcher.find()) {
			return null;
		}
		String authority = matcher.group(1);
		authority = authority.substring(authority.lastIndexOf('@') + 1);
		return hostOfAuthority(authority);
	}

	private static String hostOfAuthority(String authority) {
		String hostPart;
		if (authority.startsWith("[")) {
			int close = authority.indexOf(']');
			hostPart = close < 0 ? "" : authority.substring(0, close + 1);
		} else {
			int colon = authority.indexOf(':');
			hostPart = colon < 0 ? authority : authority.substring(0, colon);
		}
		if (!VALID_HOST.matcher(hostPart).matches()) {
			return null;
		}
		return hostPart.toLowerCase(Locale.ROOT);
	}

	/** Configured hosts may be written as "host", "host:port" or a full origin; only the host counts. */
	private static String configuredHost(String entry) {
		if (entry == null || entry.isBlank()) {
			return null;
		}
		String trimmed = entry.strip();
		return trimmed.contains("//") ? host(trimmed) : hostOfAuthority(trimmed);
	}

	private static boolean listed(String referrerHost, Set<String> internalHosts) {
		if (internalHosts == null) {
			return false;
		}
		for (String entry : internalHosts) {
			if (referrerHost.equals(configuredHost(entry))) {
				return true;
			}
		}
		return false;
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		} catch (IllegalArgumentException malformedEscape) {
			return null;
		}
	}

	private static String truncate(String value) {
		if (value.length() <= MAX_CAMPAIGN_LENGTH) {
			return value;
		}
		// Never split a surrogate pair: half an emoji would not survive the database's UTF-8 encoding.
		int end = Character.isHighSurrogate(value.charAt(MAX_CAMPAIGN_LENGTH - 1))
				? MAX_CAMPAIGN_LENGTH - 1 : MAX_CAMPAIGN_LENGTH;
		return value.substring(0, end);
	}
}
