package dev.sessiontracker.shared.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall everywhere, but in the path segment that holds a user id: a user id is any string
 * (api.md), so {@code /user/a%2Fb/history} (and {@code %5C}, {@code %25}, {@code ;}, encoded line breaks) must reach
 * the controller.
 * Those paths are matched segment by segment (Tomcat keeps {@code %2F} encoded, Spring's path patterns decode each
 * segment after matching), all of them need the read key, and the relaxed firewall still refuses paths that are not
 * normalized ({@code ..}) and encoded periods, so nothing there can reach another endpoint. User ids {@code .} and
 * {@code ..} cannot be read back through a path: every HTTP client removes such segments (RFC 3986).
 */
final class UserIdPathFirewall implements HttpFirewall {

	private static final List<String> USER_ID_PATHS = List.of("/api/v1/sessions/user/", "/api/v1/sessions/patterns/",
			"/api/v1/users/");

	private final StrictHttpFirewall strict = new StrictHttpFirewall();

	private final StrictHttpFirewall userIds = new StrictHttpFirewall();

	UserIdPathFirewall() {
		this.userIds.setAllowUrlEncodedSlash(true);
		this.userIds.setAllowBackSlash(true);
		this.userIds.setAllowUrlEncodedPercent(true);
		this.userIds.setAllowSemicolon(true);
		this.userIds.setAllowUrlEncodedDoubleSlash(true);
		this.userIds.setAllowUrlEncodedCarriageReturn(true);
		this.userIds.setAllowUrlEncodedLineFeed(true);
		this.userIds.setAllowUrlEncodedLineSeparator(true);
		this.userIds.setAllowUrlEncodedParagraphSeparator(true);
	}

	@Override
	public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
		return (namesAUser(request.getRequestURI()) ? this.userIds : this.strict).getFirewalledRequest(request);
	}

	// Every request passes here: a loop, not a stream.
	private static boolean namesAUser(String uri) {
		if (uri != null) {
			for (String path : USER_ID_PATHS) {
				if (uri.startsWith(path)) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
		return this.strict.getFirewalledResponse(response);
	}

}
