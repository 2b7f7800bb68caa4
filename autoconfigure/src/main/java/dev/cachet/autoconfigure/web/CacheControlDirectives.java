package dev.cachet.autoconfigure.web;

import java.time.Duration;
import java.util.Enumeration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.policy.Behaviour;
import dev.cachet.core.policy.CallOptions;
import dev.cachet.core.policy.StaleWindows;

/**
 * Reads a request's {@code Cache-Control} directives as Cachet call options: {@code no-cache}
 * recomputes, {@code max-age=N} accepts only entries younger than N seconds ({@code max-age=0}
 * recomputes); {@code stale-while-revalidate=N} and {@code stale-if-error=N} (RFC 5861) set those
 * windows to N seconds; {@code max-stale=N} (RFC 9111) accepts an entry up to N seconds past its
 * max-age and is read as {@code stale-while-revalidate=N}: the entry is served at once and refreshed
 * in the background, so the next caller finds it fresh; {@code max-stale} without a value accepts
 * any staleness (2^31 seconds). These windows only reach entries the tiers still hold: tiers keep
 * entries for the windows configured in the application, never for longer because a request asks.
 * Malformed directives are ignored, never an error.
 */
final class CacheControlDirectives {

	/** RFC 9111 §1.2.2: larger delta-seconds are read as 2^31. */
	private static final long MAX_DELTA_SECONDS = 2_147_483_648L;

	private CacheControlDirectives() {
	}

	/** The call options the header values ask for; empty when they ask for nothing Cachet honours. */
	static Optional<CallOptions> parse(Enumeration<String> headerValues) {
		boolean noCache = false;
		Long maxAge = null;
		Long whileRevalidate = null;
		Long ifError = null;
		while (headerValues != null && headerValues.hasMoreElements()) {
			for (String directive : headerValues.nextElement().split(",")) {
				String trimmed = directive.trim().toLowerCase();
				if (trimmed.equals("no-cache")) {
					noCache = true;
				}
				else if (trimmed.startsWith("max-age=")) {
					maxAge = smaller(maxAge, deltaSeconds(trimmed, "max-age="));
				}
				else if (trimmed.startsWith("stale-while-revalidate=")) {
					whileRevalidate = larger(whileRevalidate, deltaSeconds(trimmed, "stale-while-revalidate="));
				}
				else if (trimmed.startsWith("stale-if-error=")) {
					ifError = larger(ifError, deltaSeconds(trimmed, "stale-if-error="));
				}
				else if (trimmed.equals("max-stale")) {
					whileRevalidate = MAX_DELTA_SECONDS;
				}
				else if (trimmed.startsWith("max-stale=")) {
					whileRevalidate = larger(whileRevalidate, deltaSeconds(trimmed, "max-stale="));
				}
			}
		}
		boolean recompute = noCache || (maxAge != null && maxAge == 0);
		CallOptions options = new CallOptions((maxAge != null && maxAge > 0) ? Duration.ofSeconds(maxAge) : null,
				recompute ? Behaviour.RECOMPUTE : Behaviour.INHERIT,
				new StaleWindows(seconds(whileRevalidate), seconds(ifError)));
		return options.equals(new CallOptions(null, Behaviour.INHERIT)) ? Optional.empty() : Optional.of(options);
	}

	private static @Nullable Long smaller(@Nullable Long current, @Nullable Long next) {
		if (current == null || next == null) {
			return (current != null) ? current : next;
		}
		return Math.min(current, next);
	}

	private static @Nullable Long larger(@Nullable Long current, @Nullable Long next) {
		if (current == null || next == null) {
			return (current != null) ? current : next;
		}
		return Math.max(current, next);
	}

	private static @Nullable Duration seconds(@Nullable Long seconds) {
		return (seconds != null) ? Duration.ofSeconds(seconds) : null;
	}

	/** The non-negative decimal seconds after {@code name}, optionally quoted; {@code null} when malformed. */
	private static @Nullable Long deltaSeconds(String directive, String name) {
		String value = directive.substring(name.length());
		String digits = (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
		if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return null;
		}
		return (digits.length() > 10) ? MAX_DELTA_SECONDS : Math.min(Long.parseLong(digits), MAX_DELTA_SECONDS);
	}

}
