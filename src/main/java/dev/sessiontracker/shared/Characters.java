package dev.sessiontracker.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A string's length in characters (Unicode code points), as PostgreSQL's {@code varchar(n)} counts it, where
 * {@code @Size} counts UTF-16 units: an emoji is one character and two units, so 65 emoji fit a varchar(128) that
 * {@code @Size(max = 128)} would refuse them for. Null is valid.
 */
@Documented
@Constraint(validatedBy = Characters.Validator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Characters {

	int min() default 0;

	int max();

	String message() default "size must be between {min} and {max}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<Characters, CharSequence> {

		private int min;

		private int max;

		@Override
		public void initialize(Characters characters) {
			this.min = characters.min();
			this.max = characters.max();
		}

		@Override
		public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
			return value == null || fits(value, this.min, this.max);
		}

		/**
		 * Whether {@code value} has {@code min} to {@code max} characters (code points), as a varchar counts them. A
		 * character is one or two UTF-16 units: they are counted only when the number of units does not tell.
		 */
		public static boolean fits(CharSequence value, int min, int max) {
			int units = value.length();
			if (units <= max && units >= 2L * min) {
				return true;
			}
			int characters = Character.codePointCount(value, 0, units);
			return characters >= min && characters <= max;
		}

	}

}
