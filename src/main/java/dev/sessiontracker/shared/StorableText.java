package dev.sessiontracker.shared;

/**
 * What PostgreSQL's text and jsonb cannot hold of a Java string: NUL characters, and halves of UTF-16 surrogate
 * pairs (no character at all: the driver would send them as "?"). Request values with them are refused, naming the
 * field, instead of failing in the database or being stored altered.
 */
public final class StorableText {

	public static final String NUL = "must not contain NUL (\\u0000) characters";

	public static final String UNPAIRED_SURROGATE = "must not contain half of a UTF-16 surrogate pair (\\ud800 to "
			+ "\\udfff alone)";

	private StorableText() {
	}

	/** Why PostgreSQL cannot store {@code text}, or null when it can. */
	public static String refusal(String text) {
		if (text.indexOf('\u0000') >= 0) {
			return NUL;
		}
		return hasUnpairedSurrogate(text) ? UNPAIRED_SURROGATE : null;
	}

	/** Whether {@code text} holds a high surrogate not followed by a low one, or a low one without a high one. */
	public static boolean hasUnpairedSurrogate(CharSequence text) {
		for (int i = 0, length = text.length(); i < length; i++) {
			char c = text.charAt(i);
			if (Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
				}
				else {
					return true;
				}
			}
		}
		return false;
	}

}
