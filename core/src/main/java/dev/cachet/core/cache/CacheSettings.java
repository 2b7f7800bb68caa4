package dev.cachet.core.cache;

import java.time.Duration;

import dev.cachet.core.policy.Behaviour;
import dev.cachet.core.policy.StaleWindows;

/**
 * Settings of one tiered cache.
 *
 * @param globalMaxAge    {@code cachet.default-max-age}
 * @param cacheMaxAge     {@code cachet.caches.<name>.max-age}, or {@code null}
 * @param cacheBehaviour  {@code cachet.caches.<name>.behaviour}, or {@code null}
 * @param allowNullValues whether {@code null} results are cached
 * @param globalWindows   {@code cachet.stale-while-revalidate} and {@code cachet.stale-if-error}
 * @param cacheWindows    {@code cachet.caches.<name>.stale-*}, {@code null} where silent
 */
public record CacheSettings(Duration globalMaxAge, Duration cacheMaxAge, Behaviour cacheBehaviour,
		boolean allowNullValues, StaleWindows globalWindows, StaleWindows cacheWindows) {

	/** Settings without stale windows. */
	public CacheSettings(Duration globalMaxAge, Duration cacheMaxAge, Behaviour cacheBehaviour,
			boolean allowNullValues) {
		this(globalMaxAge, cacheMaxAge, cacheBehaviour, allowNullValues, StaleWindows.NONE, StaleWindows.NONE);
	}

}
