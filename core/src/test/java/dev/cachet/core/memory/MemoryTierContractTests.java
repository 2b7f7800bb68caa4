package dev.cachet.core.memory;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;

import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.CacheTierContract;
import dev.cachet.core.tier.TierInspection;

/**
 * The memory tier under the tier contract. It keeps verified envelope instances in the heap: no
 * bytes to damage, no names outside the process, and Caffeine's own ticker for expiry.
 */
class MemoryTierContractTests extends CacheTierContract {

	@Override
	protected CacheTier createTier(Clock clock) {
		return new MemoryTier(10_000_000);
	}

	@Override
	protected boolean corrupt(String cache, String key) {
		return false;
	}

	@Override
	protected Collection<String> storageNames() {
		return null;
	}

	@Override
	protected String storageNameScheme() {
		return null;
	}

	@Override
	protected boolean expiresOnClock() {
		return false;
	}

	@Override
	protected Set<Class<?>> capabilities() {
		return Set.of(TierInspection.class);
	}

}
