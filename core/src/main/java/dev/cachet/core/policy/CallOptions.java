package dev.cachet.core.policy;

import java.time.Duration;

/**
 * Per-call cache settings, the layer that wins over every other. Use with {@link Cachet#with}.
 *
 * @param maxAge    freshness for reads and writes in the scope, or {@code null} to inherit
 * @param behaviour behaviour in the scope; {@link Behaviour#INHERIT} to inherit
 */
public record CallOptions(Duration maxAge, Behaviour behaviour) {

	public CallOptions {
		if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
			throw new IllegalArgumentException("Per-call max-age must be positive: " + maxAge);
		}
		if (behaviour == null) {
			behaviour = Behaviour.INHERIT;
		}
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
		return new CallOptions(maxAge, behaviour);
	}

}
