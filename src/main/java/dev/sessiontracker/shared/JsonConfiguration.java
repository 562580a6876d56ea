package dev.sessiontracker.shared;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PostgreSQL text cannot hold NUL characters. Refusing them while reading JSON names the offending field in the
 * 400, instead of failing later in the database.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer rejectNulCharacters() {
		return builder -> builder
			.addModule(new SimpleModule("reject-nul").addDeserializer(String.class, new NulRejectingStrings()));
	}

	static final class NulRejectingStrings extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			String value = super.deserialize(parser, context);
			if (value != null && value.indexOf('\u0000') >= 0) {
				throw context.weirdStringException(value, String.class, "must not contain NUL (\\u0000) characters");
			}
			return value;
		}

	}

}
