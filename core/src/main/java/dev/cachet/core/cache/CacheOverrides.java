package dev.cachet.core.cache;

import java.time.Duration;
import java.util.List;

import dev.cachet.core.policy.Behaviour;
import dev.cachet.core.policy.StaleWindows;

/**
 * What {@code cachet.caches.<name>.*} sets for one cache; {@code null} where it is silent.
 *
 * @param maxAge    freshness of the cache's entries
 * @param behaviour behaviour of the cache's calls
 * @param tiers     tier names in lookup order, replacing {@code cachet.tiers}
 * @param windows   the cache's stale windows, {@link StaleWindows#NONE} when it states neither
 */
public record CacheOverrides(Duration maxAge, Behaviour behaviour, List<String> tiers, StaleWindows windows) {

	/** No overrides. */
	public static final CacheOverrides NONE = new CacheOverrides(null, null, null);

	public CacheOverrides {
		if (windows == null) {
			windows = StaleWindows.NONE;
		}
	}

	/** Overrides that state no stale window. */
	public CacheOverrides(Duration maxAge, Behaviour behaviour, List<String> tiers) {
		this(maxAge, behaviour, tiers, StaleWindows.NONE);
	}

}
