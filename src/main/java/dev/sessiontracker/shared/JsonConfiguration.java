package dev.sessiontracker.shared;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How request bodies are read. PostgreSQL cannot store NUL characters or halves of surrogate pairs
 * ({@link StorableText}): refusing them while reading JSON names the offending field in the 400, instead of failing
 * later in the database or storing "?". A scalar of the wrong JSON type is refused too, instead of Jackson's default
 * coercion: {@code "userId": 123} is not the user "123", and {@code "type": 1} is not the second device type.
 * Free-form {@code data} is not affected: its values keep their own JSON types. Its numbers are read as doubles,
 * like a browser's: one a double cannot hold (1e999999, 1e-400) would be stored as "Infinity" or 0, so it is refused
 * (jsonb could not hold 1e999999 either).
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer rejectUnstorableStrings() {
		return builder -> builder.addModule(
				new SimpleModule("reject-unstorable-strings").addDeserializer(String.class, new StorableStrings()));
	}

	@Bean
	JsonMapperBuilderCustomizer rejectScalarCoercion() {
		return builder -> builder
			.withCoercionConfig(LogicalType.Textual,
					config -> refuse(config, CoercionInputShape.Integer, CoercionInputShape.Float,
							CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Enum, config -> refuse(config, CoercionInputShape.Integer))
			.withCoercionConfig(LogicalType.Boolean, config -> refuse(config, CoercionInputShape.Integer,
					CoercionInputShape.Float, CoercionInputShape.String));
	}

	private static void refuse(MutableCoercionConfig config, CoercionInputShape... shapes) {
		for (CoercionInputShape shape : shapes) {
			config.setCoercion(shape, CoercionAction.Fail);
		}
	}

	@Bean
	@SuppressWarnings({ "unchecked", "rawtypes" })
	JsonMapperBuilderCustomizer rejectNumbersADoubleCannotHold() {
		// Number.class is what free-form values (Map<String, Object>) are read with.
		return builder -> builder.addModule(new SimpleModule("reject-unholdable-numbers")
			.addDeserializer((Class) Number.class, (ValueDeserializer) new HoldableNumbers()));
	}

	/** A value that is well-formed JSON of the right type, refused for the reason its message gives. */
	static final class RefusedValueException extends InvalidFormatException {

		RefusedValueException(JsonParser parser, String reason, Object value, Class<?> type) {
			super(parser, reason, value, type);
		}

	}

	static final class HoldableNumbers extends NumberDeserializers.NumberDeserializer {

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			Object value = super.deserialize(parser, context);
			if (value instanceof Double number
					&& (!Double.isFinite(number) || (number == 0 && !writtenAsZero(parser.getString())))) {
				throw new RefusedValueException(parser,
						"is out of the range of a double (it would be stored as Infinity or 0)", parser.getString(),
						Double.class);
			}
			return value;
		}

		/** {@code 0.0e7} is zero; {@code 1e-400} only became zero. */
		private static boolean writtenAsZero(String number) {
			for (int i = 0; i < number.length(); i++) {
				char c = number.charAt(i);
				if (c == 'e' || c == 'E') {
					return true;
				}
				if (c >= '1' && c <= '9') {
					return false;
				}
			}
			return true;
		}

	}

	/** Strings, free-form data's included; not the keys of data, which EventService checks. */
	static final class StorableStrings extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			String value = super.deserialize(parser, context);
			String refusal = (value != null) ? StorableText.refusal(value) : null;
			if (refusal != null) {
				throw new RefusedValueException(parser, refusal, value, String.class);
			}
			return value;
		}

	}

}
