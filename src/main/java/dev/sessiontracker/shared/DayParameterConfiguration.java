package dev.sessiontracker.shared;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.annotation.Configuration;
import org.springframework.format.AnnotationFormatterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.Parser;
import org.springframework.format.Printer;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.datetime.standard.Jsr310DateTimeFormatAnnotationFormatterFactory;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Days in query and path parameters ({@code @DateTimeFormat(iso = DATE) LocalDate}) are YYYY-MM-DD: a four-digit
 * year from 0001, without sign or offset. Spring's ISO date also reads {@code -0001-01-01}, {@code +10000-01-01},
 * {@code 0000-01-01} (a year the calendar and PostgreSQL do not have) and {@code 2026-11-24+01:00}, and answered
 * with rows of such days; they are now 400 naming the parameter, like any other value that is not a day.
 */
@Configuration(proxyBeanMethods = false)
class DayParameterConfiguration implements WebMvcConfigurer {

	@Override
	public void addFormatters(FormatterRegistry registry) {
		// Added after Spring's own, so it is asked first.
		registry.addFormatterForFieldAnnotation(new Days());
	}

	static final class Days implements AnnotationFormatterFactory<DateTimeFormat> {

		private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

		private final Jsr310DateTimeFormatAnnotationFormatterFactory standard;

		Days() {
			this.standard = new Jsr310DateTimeFormatAnnotationFormatterFactory();
		}

		@Override
		public Set<Class<?>> getFieldTypes() {
			return Set.of(LocalDate.class);
		}

		@Override
		public Printer<?> getPrinter(DateTimeFormat annotation, Class<?> fieldType) {
			return this.standard.getPrinter(annotation, fieldType);
		}

		@Override
		public Parser<?> getParser(DateTimeFormat annotation, Class<?> fieldType) {
			Parser<?> parser = this.standard.getParser(annotation, fieldType);
			if (annotation.iso() != DateTimeFormat.ISO.DATE) {
				return parser;
			}
			return (text, locale) -> {
				if (!DAY.matcher(text).matches() || text.startsWith("0000")) {
					throw new DateTimeParseException("Not a day as YYYY-MM-DD from 0001-01-01: " + text, text, 0);
				}
				return parser.parse(text, locale);
			};
		}

	}

}
