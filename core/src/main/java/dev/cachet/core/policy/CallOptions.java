package dev.cachet.core.policy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Per-call cache settings, the layer that wins over every other. Use with {@link Cachet#with}.
 *
 * @param maxAge    freshness for reads and writes in the scope, or {@code null} to inherit
 * @param behaviour behaviour in the scope; {@link Behaviour#INHERIT} to inherit
 * @param windows   the stale windows in the scope; {@link StaleWindows#NONE} to inherit both
 */
public record CallOptions(@Nullable Duration maxAge, Behaviour behaviour, StaleWindows windows) {

	public CallOptions {
		if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
			throw new IllegalArgumentException("Per-call max-age must be positive: " + maxAge);
		}
		if (behaviour == null) {
			behaviour = Behaviour.INHERIT;
		}
		if (windows == null) {
			windows = StaleWindows.NONE;
		}
	}

	/** Options that inherit both stale windows. */
	public CallOptions(@Nullable Duration maxAge, Behaviour behaviour) {
		this(maxAge, behaviour, StaleWindows.NONE);
	}

	/** An entry up to {@code window} past its max-age is served at once and refreshed in the background. */
	public static CallOptions staleWhileRevalidate(Duration window) {
		return new CallOptions(null, Behaviour.INHERIT, new StaleWindows(window, null));
	}

	/** An entry up to {@code window} past its max-age is served when the recomputation throws. */
	public static CallOptions staleIfError(Duration window) {
		return new CallOptions(null, Behaviour.INHERIT, new StaleWindows(null, window));
	}

	/** Only entries younger than {@code maxAge} are read; new entries record it. */
	public static CallOptions maxAge(Duration maxAge) {
		return new CallOptions(maxAge, Behaviour.INHERIT);
	}

	/** Compute and overwrite. */
	public static CallOptions recompute() {
		return new CallOptions(null, Behaviour.RECOMPUTE);
	}

	/** Bypass the cache. */
	public static CallOptions disable() {
		return new CallOptions(null, Behaviour.DISABLE);
	}

	/** These options with a behaviour added. */
	public CallOptions withBehaviour(Behaviour behaviour) {
		return new CallOptions(maxAge, behaviour, windows);
	}

	/** These options with a max-age added. */
	public CallOptions withMaxAge(@Nullable Duration maxAge) {
		return new CallOptions(maxAge, behaviour, windows);
	}

	/** These options with a stale-while-revalidate window added. */
	public CallOptions withStaleWhileRevalidate(@Nullable Duration window) {
		return new CallOptions(maxAge, behaviour, new StaleWindows(window, windows.ifError()));
	}

	/** These options with a stale-if-error window added. */
	public CallOptions withStaleIfError(@Nullable Duration window) {
		return new CallOptions(maxAge, behaviour, new StaleWindows(windows.whileRevalidate(), window));
	}

}
