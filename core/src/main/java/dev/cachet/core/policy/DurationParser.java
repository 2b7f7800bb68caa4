package dev.cachet.core.policy;

import java.time.Duration;

import org.springframework.format.datetime.standard.DurationFormatterUtils;

/** Parses max-ages and stale windows written in annotations, in the same formats Spring Boot binds. */
public final class DurationParser {

	private DurationParser() {
	}

	/**
	 * Parses {@code 500ms}, {@code 6h}, {@code 90d} or ISO-8601 {@code PT6H}.
	 * @param where what the value belongs to, named in the error message
	 * @throws IllegalArgumentException naming {@code where} if the text is not a positive duration
	 */
	public static Duration parsePositive(String text, String where) {
		Duration duration = parse(text, "max-age", where);
		if (duration.isZero()) {
			throw new IllegalArgumentException("Invalid max-age '" + text + "' on " + where + ": must be positive");
		}
		return duration;
	}

	/**
	 * Parses a stale window as {@link #parsePositive} does, where zero (the window off) is allowed.
	 * @param what the setting, named in the error message: {@code stale-if-error}
	 * @throws IllegalArgumentException naming the setting and {@code where} if the text is not a duration or is negative
	 */
	public static Duration parseWindow(String text, String what, String where) {
		return parse(text, what, where);
	}

	private static Duration parse(String text, String what, String where) {
		Duration duration;
		try {
			duration = DurationFormatterUtils.detectAndParse(text.trim());
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Invalid " + what + " '" + text + "' on " + where
					+ ": use a duration such as 30m, 6h, 90d or PT6H", ex);
		}
		if (duration.isNegative()) {
			throw new IllegalArgumentException("Invalid " + what + " '" + text + "' on " + where + ": must not be negative");
		}
		return duration;
	}

}
