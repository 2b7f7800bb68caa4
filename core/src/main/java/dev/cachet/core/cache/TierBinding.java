package dev.cachet.core.cache;

import java.time.Duration;

import dev.cachet.core.tier.CacheTier;

/**
 * A tier as the tiered caches use it: the tier, the longest time it may store an entry
 * ({@code cachet.<tier>.max-age}) and its statistics.
 */
public record TierBinding(String name, CacheTier tier, Duration storageCap, TierStatistics statistics) {

	public TierBinding(String name, CacheTier tier, Duration storageCap) {
		this(name, tier, storageCap, new TierStatistics());
	}

}
