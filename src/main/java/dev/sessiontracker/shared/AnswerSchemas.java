package dev.sessiontracker.shared;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;

/**
 * What the schemas of the answers say beyond what springdoc reads from their Java types, so that a tool validating
 * answers against the document (schemathesis, openapi-core) accepts every answer the service gives: which members
 * can be null, and that every member of an answer is there (Jackson writes a null member rather than leaving it
 * out). OpenAPI 3.1 (springdoc's default) says nullable as a second type, {@code ["string", "null"]}, and a
 * nullable object as one of its schema or null. Web records say it in their annotations; the records of the modules
 * carry no OpenAPI annotations, so it is said for them here.
 */
final class AnswerSchemas {

	private AnswerSchemas() {
	}

	static void complete(OpenAPI openApi) {
		Map<String, Schema> schemas = (openApi.getComponents() != null) ? openApi.getComponents().getSchemas() : null;
		if (schemas == null) {
			return;
		}
		storedEventDataIsAnObject(schemas);
		// Null when there is nothing to measure: no ended session, no page, the open-ended last bucket.
		nullable(schemas, "DailyStats", "avgDurationSeconds", "mostCommonEntry", "mostCommonExit");
		nullable(schemas, "Stay", "medianSeconds", "p90Seconds", "averageSeconds");
		nullable(schemas, "Bucket", "maxSeconds");
		// The exit reason of sessions imported without one (the seed's column is nullable).
		nullable(schemas, "Count", "name");
		nullableObject(schemas, "Session", "exit");
		nullableObject(schemas, "UserExport", "pattern");
		schemas.values().forEach(AnswerSchemas::enumsTakeNull);
		requireEveryMemberOfAnswers(openApi, schemas);
	}

	/** An event's data is answered as the JSON object it was sent as, not as a string holding it; null without. */
	private static void storedEventDataIsAnObject(Map<String, Schema> schemas) {
		Schema<?> storedEvent = schemas.get("StoredEvent");
		if (storedEvent == null || storedEvent.getProperties() == null
				|| !storedEvent.getProperties().containsKey("data")) {
			return;
		}
		Schema<?> data = storedEvent.getProperties().get("data");
		data.setType("object");
		data.setTypes(new LinkedHashSet<>(List.of("object", "null")));
		data.setDescription("the event's data as it was sent; null if it was sent without");
	}

	private static void nullable(Map<String, Schema> schemas, String schema, String... properties) {
		Schema<?> owner = schemas.get(schema);
		if (owner == null || owner.getProperties() == null) {
			return;
		}
		for (String name : properties) {
			Schema<?> property = owner.getProperties().get(name);
			if (property != null && property.getTypes() != null) {
				Set<String> types = new LinkedHashSet<>(property.getTypes());
				types.add("null");
				property.setTypes(types);
			}
		}
	}

	/** A member that is an object of a component schema, or null: one of the two. */
	private static void nullableObject(Map<String, Schema> schemas, String schema, String property) {
		Schema<?> owner = schemas.get(schema);
		Schema<?> reference = (owner != null && owner.getProperties() != null) ? owner.getProperties().get(property)
				: null;
		if (reference == null || reference.get$ref() == null) {
			return;
		}
		Schema<Object> object = new JsonSchema();
		object.set$ref(reference.get$ref());
		Schema<Object> none = new JsonSchema();
		none.setTypes(Set.of("null"));
		Schema<Object> either = new JsonSchema();
		either.setDescription(reference.getDescription());
		either.setOneOf(List.of(object, none));
		owner.getProperties().put(property, either);
	}

	/** JSON Schema's enum is checked apart from its type: a nullable member's enum has null among its values. */
	@SuppressWarnings("unchecked")
	private static void enumsTakeNull(Schema<?> schema) {
		if (schema.getProperties() == null) {
			return;
		}
		for (Schema<?> property : schema.getProperties().values()) {
			if (property.getEnum() != null && property.getTypes() != null && property.getTypes().contains("null")
					&& !property.getEnum().contains(null)) {
				List<Object> values = new ArrayList<>(property.getEnum());
				values.add(null);
				((Schema<Object>) property).setEnum(values);
			}
		}
	}

	/**
	 * Schemas only answered, never sent (a request's device may leave members out): every member is required, as
	 * every answer has it, null or not.
	 */
	private static void requireEveryMemberOfAnswers(OpenAPI openApi, Map<String, Schema> schemas) {
		Set<String> sent = new HashSet<>();
		Set<String> answered = new HashSet<>();
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
			collectSent(op, schemas, sent);
			op.getResponses()
				.entrySet()
				.stream()
				.filter(response -> response.getKey().startsWith("2") && response.getValue().getContent() != null)
				.forEach(response -> response.getValue()
					.getContent()
					.values()
					.forEach(media -> collect(media.getSchema(), schemas, answered)));
		}));
		answered.removeAll(sent);
		for (String name : answered) {
			Schema<?> schema = schemas.get(name);
			if (schema != null && schema.getProperties() != null) {
				schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
			}
		}
	}

	private static void collectSent(Operation op, Map<String, Schema> schemas, Set<String> sent) {
		if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
			op.getRequestBody().getContent().values().forEach(media -> collect(media.getSchema(), schemas, sent));
		}
		if (op.getParameters() != null) {
			op.getParameters().forEach(parameter -> collect(parameter.getSchema(), schemas, sent));
		}
	}

	/** The names of the component schemas that {@code schema} is made of, itself included. */
	private static void collect(Schema<?> schema, Map<String, Schema> schemas, Set<String> names) {
		if (schema == null) {
			return;
		}
		if (schema.get$ref() != null) {
			String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
			if (names.add(name)) {
				collect(schemas.get(name), schemas, names);
			}
		}
		if (schema.getProperties() != null) {
			schema.getProperties().values().forEach(property -> collect(property, schemas, names));
		}
		collect(schema.getItems(), schemas, names);
		if (schema.getAdditionalProperties() instanceof Schema<?> values) {
			collect(values, schemas, names);
		}
		for (List<Schema> parts : List.of(nonNull(schema.getOneOf()), nonNull(schema.getAnyOf()),
				nonNull(schema.getAllOf()))) {
			parts.forEach(part -> collect(part, schemas, names));
		}
	}

	private static List<Schema> nonNull(List<Schema> list) {
		return (list != null) ? list : List.of();
	}

}
