package dev.cachet.autoconfigure.web;

import java.time.Duration;
import java.util.Enumeration;
import java.util.Optional;

import dev.cachet.core.policy.Behaviour;
import dev.cachet.core.policy.CallOptions;

/**
 * Reads a request's {@code Cache-Control} directives as Cachet call options: {@code no-cache}
 * recomputes, {@code max-age=N} accepts only entries younger than N seconds ({@code max-age=0}
 * recomputes). Malformed directives are ignored, never an error.
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
		while (headerValues != null && headerValues.hasMoreElements()) {
			for (String directive : headerValues.nextElement().split(",")) {
				String trimmed = directive.trim().toLowerCase();
				if (trimmed.equals("no-cache")) {
					noCache = true;
				}
				else if (trimmed.startsWith("max-age=")) {
					Long seconds = deltaSeconds(trimmed.substring("max-age=".length()));
					if (seconds != null) {
						maxAge = (maxAge != null) ? Math.min(maxAge, seconds) : seconds;
					}
				}
			}
		}
		if (noCache || (maxAge != null && maxAge == 0)) {
			return Optional.of(new CallOptions((maxAge != null && maxAge > 0) ? Duration.ofSeconds(maxAge) : null,
					Behaviour.RECOMPUTE));
		}
		return (maxAge != null) ? Optional.of(CallOptions.maxAge(Duration.ofSeconds(maxAge))) : Optional.empty();
	}

	/** Non-negative decimal seconds, optionally quoted; {@code null} when malformed. */
	private static Long deltaSeconds(String value) {
		String digits = (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
		if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return null;
		}
		return (digits.length() > 10) ? MAX_DELTA_SECONDS : Math.min(Long.parseLong(digits), MAX_DELTA_SECONDS);
	}

}
