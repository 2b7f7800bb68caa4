package dev.cachet.core.cache;

import java.time.Duration;

import dev.cachet.core.policy.Behaviour;

/**
 * Settings of one tiered cache.
 *
 * @param globalMaxAge    {@code cachet.default-max-age}
 * @param cacheMaxAge     {@code cachet.caches.<name>.max-age}, or {@code null}
 * @param cacheBehaviour  {@code cachet.caches.<name>.behaviour}, or {@code null}
 * @param allowNullValues whether {@code null} results are cached
 */
public record CacheSettings(Duration globalMaxAge, Duration cacheMaxAge, Behaviour cacheBehaviour,
		boolean allowNullValues) {

}
