package dev.sessiontracker.shared;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: API info, the problem+json schema, and the error answers every operation can give, so
 * that each endpoint documents its 4xx cases without repeating annotations.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String PROBLEM = "Problem";

	private static final String BEARER = "readKey";

	private static final String API_KEY = "apiKey";

	@Bean
	OpenAPI sessionTrackerOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Session tracker API")
				.version("v1")
				.description("Track user sessions: when users are active, how long they stay, what makes them "
						+ "leave. Times are ISO-8601 instants in UTC, durations whole seconds. Every error is "
						+ "application/problem+json (RFC 9457) whose type ends in a stable problem name.")
				.license(new License().name("Apache-2.0")));
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
		};
	}

	private static void addProblems(String path, PathItem.HttpMethod method, Operation op) {
		boolean ingestion = method == PathItem.HttpMethod.POST && path.startsWith("/api/v1/sessions/")
				&& !path.contains("rollup");
		if (!ingestion) {
			op.addSecurityItem(new SecurityRequirement().addList(BEARER))
				.addSecurityItem(new SecurityRequirement().addList(API_KEY));
			add(op, "401", "Missing or wrong read key", "read-key-required");
		}
		boolean hasId = path.contains("{id}");
		boolean hasBody = op.getRequestBody() != null;
		if (hasBody || (op.getParameters() != null && !op.getParameters().isEmpty())) {
			add(op, "400", "Invalid input: malformed JSON, a missing or invalid field or parameter (named in "
					+ "`field` and `errors`)", "invalid-field");
		}
		if (hasId) {
			add(op, "404", "Unknown session id", "session-not-found");
		}
		if (hasId && method == PathItem.HttpMethod.POST && !path.endsWith("/end")) {
			add(op, "409", "The session has ended (or timed out): start a new one", "session-ended");
		}
		if (hasBody) {
			add(op, "413", "Body larger than tracker.limits.max-body-size (64 KiB)", "payload-too-large");
		}
	}

	private static void add(Operation op, String status, String description, String type) {
		MediaType mediaType = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
			.examples(null)
			.example(Map.of("type", "/problems/" + type, "title", description, "status", Integer.valueOf(status),
					"detail", description));
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
			.addProperty("errors", new ArraySchema().items(fieldError));
	}

}
