package dev.sessiontracker.shared.security;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import dev.sessiontracker.shared.Problems;
import dev.sessiontracker.shared.TrackerSecurityProperties;


/**
 * Who may do what. Browsers anywhere may write sessions (ingestion, cross-origin only from
 * {@code tracker.security.allowed-origins}); everything that reads data, and the actuator but health, needs the
 * read key. Stateless: no cookies, no HTTP session, so no CSRF surface.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	/**
	 * No observations of Spring Security's own (the requests' {@code http.server.requests} stay). Turning them off by
	 * name ({@code management.observations.enable.spring.security}) still wrapped every filter of every chain in an
	 * observation that the predicate then dropped, on every request.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** The ingestion endpoints, open to the browser SDK. */
	static final String[] INGESTION = { "/api/v1/sessions/start", "/api/v1/sessions/*/heartbeat",
			"/api/v1/sessions/*/event", "/api/v1/sessions/*/events", "/api/v1/sessions/*/end" };

	private static final String[] PUBLIC = { "/actuator/health", "/actuator/health/**", "/v3/api-docs",
			"/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/sdk/**", "/dashboard/**", "/webjars/**",
			"/problems/**", "/error", "/favicon.ico" };

	/** User ids may hold any character, so the paths that carry one accept them (the firewall's doc). */
	@Bean
	WebSecurityCustomizer userIdPathFirewall() {
		return web -> web.httpFirewall(new UserIdPathFirewall());
	}

	/**
	 * POST (and CORS preflight) to the ingestion endpoints: a chain of its own with only what they use, CORS and the
	 * response headers; no security context, request wrapper for it, anonymous user or exception translation on the
	 * hottest paths.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain ingestionFilterChain(HttpSecurity http, TrackerSecurityProperties properties, JsonMapper json)
			throws Exception {
		List<RequestMatcher> ingestion = new ArrayList<>();
		for (String path : INGESTION) {
			ingestion.add(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path));
			ingestion.add(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.OPTIONS, path));
		}
		return withoutBrowserLogin(http.securityMatcher(new OrRequestMatcher(ingestion)))
			.sessionManagement(session -> session.disable())
			.securityContext(context -> context.disable())
			.servletApi(servletApi -> servletApi.disable())
			.anonymous(anonymous -> anonymous.disable())
			.exceptionHandling(errors -> errors.disable())
			.cors(cors -> cors.disable()) // ingestionCors, ahead of every filter
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain securityFilterChain(HttpSecurity http, TrackerSecurityProperties properties, JsonMapper json,
			Clock clock) throws Exception {
		withoutBrowserLogin(http)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new ReadKeyFilter(ReadKey.from(properties), properties.wrongKeysPerMinute(), clock, json),
					AuthorizationFilter.class)
			.authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC)
				.permitAll()
				.anyRequest()
				.hasRole(ReadKeyFilter.READER))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> problem(response, json, HttpStatus.UNAUTHORIZED,
						"read-key-required", "Send the read key as Authorization: Bearer KEY or X-Api-Key: KEY."))
				.accessDeniedHandler((request, response, ex) -> problem(response, json, HttpStatus.FORBIDDEN,
						"forbidden", "Not allowed.")))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
						+ "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; "
						+ "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	/**
	 * What both chains leave out: an API called with keys or anonymously has no login, logout, CSRF or saved requests.
	 */
	private static HttpSecurity withoutBrowserLogin(HttpSecurity http) throws Exception {
		return http.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable());
	}

	/**
	 * CORS only for ingestion (POST and its preflight), only from the configured origins; reading endpoints are never
	 * cross-origin. A refused origin gets problem+json ({@link ProblemCorsProcessor}). It runs ahead of every other
	 * filter, so that an allowed page can also read the answers those give before the security chain (429 from the
	 * rate limits, 503 overloaded, 413, 408, 415), with their {@code Retry-After}.
	 */
	@Bean
	FilterRegistrationBean<CorsFilter> ingestionCors(TrackerSecurityProperties properties, JsonMapper json) {
		CorsFilter filter = new CorsFilter(ingestionCorsConfiguration(properties.allowedOrigins())) {

			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				return !HttpMethod.POST.matches(request.getMethod()) && !HttpMethod.OPTIONS.matches(request.getMethod());
			}

		};
		filter.setCorsProcessor(new ProblemCorsProcessor(json));
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		registration.addUrlPatterns("/api/v1/sessions/*");
		return registration;
	}

	private static CorsConfigurationSource ingestionCorsConfiguration(List<String> allowedOrigins) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (allowedOrigins.isEmpty()) {
			return source;
		}
		CorsConfiguration ingestion = new CorsConfiguration();
		ingestion.setAllowedOrigins(allowedOrigins);
		ingestion.setAllowedMethods(List.of("POST"));
		ingestion.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE));
		ingestion.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
		ingestion.setMaxAge(3600L);
		for (String path : INGESTION) {
			source.registerCorsConfiguration(path, ingestion);
		}
		return source;
	}

	private static void problem(HttpServletResponse response, JsonMapper json, HttpStatus status, String type,
			String detail) throws IOException {
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		Problems.write(response, json, Problems.of(status, type, status.getReasonPhrase(), detail));
	}

}
