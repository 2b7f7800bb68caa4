package dev.cachet.core.cache;

import java.time.Duration;
import java.util.List;

import dev.cachet.core.policy.Behaviour;

/**
 * What {@code cachet.caches.<name>.*} sets for one cache; {@code null} where it is silent.
 *
 * @param maxAge    freshness of the cache's entries
 * @param behaviour behaviour of the cache's calls
 * @param tiers     tier names in lookup order, replacing {@code cachet.tiers}
 */
public record CacheOverrides(Duration maxAge, Behaviour behaviour, List<String> tiers) {

	/** No overrides. */
	public static final CacheOverrides NONE = new CacheOverrides(null, null, null);

}
