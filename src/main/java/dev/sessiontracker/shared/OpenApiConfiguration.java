package dev.sessiontracker.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: API info, the problem+json schema, and the error answers every operation can give, so
 * that each endpoint documents its 4xx cases without repeating annotations. Answers only some operations give are
 * annotated on them, as problem+json examples; their schema is added here.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String PROBLEM = "Problem";

	private static final String BEARER = "readKey";

	private static final String API_KEY = "apiKey";

	private static final String START = "/api/v1/sessions/start";

	@Bean
	OpenAPI sessionTrackerOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Session tracker API")
				.version("v1")
				.description("Track user sessions: when users are active, how long they stay, what makes them "
						+ "leave. Times are ISO-8601 instants in UTC, durations whole seconds. Every error is "
						+ "application/problem+json (RFC 9457) whose type ends in a stable problem name.")
				.license(new License().name("Apache-2.0")))
			// the server the document came from, not one named after the request's Host header: Swagger UI sends the
			// read key there
			.servers(List.of(new Server().url("/").description("this service")));
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		return openApi -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents()
				.addSchemas(PROBLEM, problemSchema())
				.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("tracker.security.read-key as Authorization: Bearer KEY"))
				.addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.HEADER)
					.name("X-Api-Key")
					.description("tracker.security.read-key as X-Api-Key: KEY"));
			openApi.getPaths()
				.forEach((path, item) -> item.readOperationsMap()
					.forEach((method, operation) -> addProblems(path, method, operation)));
			AnswerSchemas.complete(openApi);
		};
	}

	private static void addProblems(String path, PathItem.HttpMethod method, Operation op) {
		boolean ingestion = method == PathItem.HttpMethod.POST && path.startsWith("/api/v1/sessions/")
				&& !path.contains("rollup");
		if (!ingestion) {
			op.addSecurityItem(new SecurityRequirement().addList(BEARER))
				.addSecurityItem(new SecurityRequirement().addList(API_KEY));
			add(op, "401", "Missing or wrong read key", problem("read-key-required", "Unauthorized", 401,
					"Send the read key as Authorization: Bearer KEY or X-Api-Key: KEY."));
			op.getResponses()
				.putIfAbsent("429", retryLater("This client IP sent tracker.security.wrong-keys-per-minute wrong read "
						+ "keys (default 20): any key it sends is refused, without being compared, until the next is due",
						"Seconds until this client's next key is compared",
						Map.of("too-many-wrong-keys", new Example().summary("Too many wrong keys from this client")
							.value(problem("too-many-wrong-keys", "Too many requests", 429,
									"Too many wrong read keys from this client. Retry after 3 s.")))));
		}
		boolean hasId = path.contains("{id}");
		boolean hasBody = op.getRequestBody() != null;
		boolean invalidParameter = op.getParameters() != null
				&& op.getParameters().stream().anyMatch(OpenApiConfiguration::canBeInvalid);
		if (hasBody || invalidParameter) {
			add(op, "400", "Invalid input: malformed JSON, a missing or invalid field or parameter (named in "
					+ "`field` and `errors`)", hasBody ? malformedJson() : invalidParameter(op));
		}
		if (hasId) {
			add(op, "404", "Unknown session id", problem("session-not-found", "Session not found", 404,
					"No session with id '019ab6e2-4c1d-7a3e-9f00-5d2c8e1b7a10'."));
		}
		if (hasId && method == PathItem.HttpMethod.POST && !path.endsWith("/end")) {
			Map<String, Object> ended = problem("session-ended", "Session ended", 409,
					"Session '019ab6e2-4c1d-7a3e-9f00-5d2c8e1b7a10' ended at 2026-11-24T10:45:30Z (timeout); start a "
							+ "new session.");
			ended.put("sessionId", "019ab6e2-4c1d-7a3e-9f00-5d2c8e1b7a10");
			ended.put("endTime", "2026-11-24T10:45:30Z");
			add(op, "409", "The session has ended (or timed out): start a new one", ended);
		}
		if (hasBody) {
			Map<String, Object> tooLarge = problem("payload-too-large", "Payload too large", 413,
					"The request body is larger than the limit of 65536 bytes.");
			tooLarge.put("maxBytes", 65536);
			add(op, "413", "Body larger than tracker.limits.max-body-size (64 KiB)", tooLarge);
			add(op, "408", "The body did not arrive within tracker.limits.body-read-timeout (10 s) of its first read",
					problem("request-timeout", "Request Timeout", 408,
							"The request body did not arrive within the limit of 10 s."));
			add(op, "415", "The body is not sent as Content-Type: application/json",
					problem("unsupported-media-type", "Unsupported Media Type", 415,
							"Content-Type 'text/plain;charset=UTF-8' is not supported."));
		}
		if (ingestion) {
			addRateLimited(path, op);
			// Start documents its own 403 (identity verification); there the origin's refusal is the same status.
			add(op, "403", "A cross-origin request from an origin not in tracker.security.allowed-origins",
					problem("origin-not-allowed", "Origin not allowed", 403, "This origin may not call the ingestion "
							+ "endpoints: it is not in tracker.security.allowed-origins."));
		}
		if (path.startsWith("/api/")) {
			add(op, "406", "The Accept header takes no application/json (checked before anything is stored)",
					problem("not-acceptable", "Not Acceptable", 406, "This API answers application/json (problems "
							+ "as application/problem+json); Accept 'text/html' takes neither."));
			addUnavailable(op);
		}
		op.getResponses()
			.values()
			.stream()
			.filter(response -> response.getContent() != null)
			.map(response -> response.getContent()
				.get(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE))
			.filter(mediaType -> mediaType != null && mediaType.getSchema() == null)
			.forEach(mediaType -> mediaType.schema(problemRef()));
	}

	/**
	 * A query parameter or a date can be refused with 400; a path id that is not a UUID is an unknown session (404),
	 * and the other path segments (user ids, job names) are taken as they are.
	 */
	private static boolean canBeInvalid(Parameter parameter) {
		return !"path".equals(parameter.getIn())
				|| (parameter.getSchema() != null && "date".equals(parameter.getSchema().getFormat()));
	}

	/**
	 * {@link RateLimitFilter} covers every POST under /api/v1/sessions/; a start is also refused while the user has
	 * the most open sessions allowed.
	 */
	private static void addRateLimited(String path, Operation op) {
		Map<String, Example> examples = new LinkedHashMap<>();
		examples.put("rate-limited", new Example().summary("Over the per-client or the instance's request rate")
			.value(problem("rate-limited", "Too many requests", 429,
					"Too many requests from this client. Retry after 1 s.")));
		String description = "Rate limited: over tracker.limits.per-client-rate requests a second from this client "
				+ "IP, or tracker.limits.global-rate for the instance (bursts up to twice those)";
		if (START.equals(path)) {
			Map<String, Object> tooMany = problem("too-many-sessions", "Too many active sessions", 429,
					"User 'u-42' already has 20 active sessions, the most allowed.");
			tooMany.put("limit", 20);
			examples.put("too-many-sessions",
					new Example().summary("The user has tracker.limits.max-active-sessions-per-user open sessions")
						.value(tooMany));
			description += "; or the user already has tracker.limits.max-active-sessions-per-user (default 100) active "
					+ "sessions (too-many-sessions, Retry-After the idle timeout: the oldest idle one frees a place)";
		}
		op.getResponses().putIfAbsent("429", retryLater(description, "Seconds to wait before retrying", examples));
	}

	/**
	 * Any API request can meet a full house ({@link ConcurrencyLimitFilter}) or a database it cannot reach
	 * ({@link ProblemHandler}); both are answered at once, with Retry-After, rather than queued.
	 */
	private static void addUnavailable(Operation op) {
		Map<String, Example> examples = new LinkedHashMap<>();
		examples.put("overloaded",
				new Example().summary("tracker.limits.max-concurrent-requests API requests are in progress")
					.value(problem("overloaded", "Service overloaded", 503,
							"Too many requests in progress. Retry after 1 s.")));
		examples.put("database-unavailable",
				new Example().summary("The database is down, or no connection came free within its timeout")
					.value(problem("database-unavailable", "Service unavailable", 503,
							"The database is unavailable; retry later.")));
		op.getResponses()
			.putIfAbsent("503", retryLater(
					"Unavailable for now: over the requests in progress at once, or the database unreachable",
					"Seconds to wait before retrying (1 when overloaded, 5 without a database)", examples));
	}

	/** A problem answered with Retry-After, one example per cause. */
	private static ApiResponse retryLater(String description, String retryAfter, Map<String, Example> examples) {
		return new ApiResponse().description(description)
			.addHeaderObject(org.springframework.http.HttpHeaders.RETRY_AFTER,
					new Header().description(retryAfter).schema(new IntegerSchema().example(1)))
			.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					new MediaType().schema(problemRef()).examples(examples)));
	}

	private static Map<String, Object> problem(String type, String title, int status, String detail) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "/problems/" + type);
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		return problem;
	}

	private static Map<String, Object> malformedJson() {
		Map<String, Object> problem = problem("malformed-json", "Malformed JSON", 400,
				"The body is not valid JSON at line 1, column 12.");
		problem.put("field", "body");
		problem.put("errors", List.of(Map.of("field", "body", "message", "not valid JSON at line 1, column 12")));
		return problem;
	}

	/** A 400 for the operation's first parameter that can be refused, named in {@code field} and {@code errors}. */
	private static Map<String, Object> invalidParameter(Operation op) {
		String name = op.getParameters()
			.stream()
			.filter(OpenApiConfiguration::canBeInvalid)
			.map(Parameter::getName)
			.findFirst()
			.orElseThrow();
		Map<String, Object> problem = problem("invalid-parameter", "Invalid parameter", 400,
				name + ": invalid value 'x'");
		problem.put("field", name);
		problem.put("errors", List.of(Map.of("field", name, "message", "invalid value 'x'")));
		return problem;
	}

	private static Schema<?> problemRef() {
		return new Schema<>().$ref("#/components/schemas/" + PROBLEM);
	}

	private static void add(Operation op, String status, String description, Map<String, Object> example) {
		MediaType mediaType = new MediaType().schema(problemRef()).examples(null).example(example);
		op.getResponses()
			.putIfAbsent(status, new ApiResponse().description(description)
				.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
						mediaType)));
	}

	private static Schema<?> problemSchema() {
		Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema().example("events[2].action"))
			.addProperty("message", new StringSchema().example("size must be between 1 and 50"));
		return new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type",
					new StringSchema().description("ends in the problem's name").example("/problems/session-ended"))
			.addProperty("title", new StringSchema().example("Session ended"))
			.addProperty("status", new IntegerSchema().example(409))
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema())
			.addProperty("field", new StringSchema().description("the first offending field, for 400s"))
			.addProperty("errors", new ArraySchema().items(fieldError))
			.addProperty("maxBytes", new IntegerSchema().description("the body size limit, for payload-too-large"))
			.addProperty("limit",
					new IntegerSchema().description("the limit reached, for too-many-sessions and event-limit-reached"))
			.addProperty("sessionId",
					new StringSchema().format("uuid").description("the session that has ended, for session-ended"))
			.addProperty("endTime",
					new StringSchema().format("date-time").description("when it ended, for session-ended"));
	}

}
