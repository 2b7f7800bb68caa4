package dev.cachet.core.cache;

import java.time.Clock;
import java.util.List;

import dev.cachet.core.memory.MemoryTier;
import dev.cachet.core.tier.InvalidationBus;

/** Applies other instances' evictions to the tiers only this instance has. */
final class RemoteInvalidations implements InvalidationBus.Listener {

	private final TierOperations operations;

	private final LocalTierTrust trust;

	private final Clock clock;

	private final List<TierBinding> localTiers;

	RemoteInvalidations(TierOperations operations, LocalTierTrust trust, Clock clock, List<TierBinding> localTiers) {
		this.operations = operations;
		this.trust = trust;
		this.clock = clock;
		this.localTiers = List.copyOf(localTiers);
	}

	@Override
	public void evicted(String cache, String key) {
		operations.evict(localTiers, cache, key, false);
	}

	@Override
	public void cleared(String cache) {
		operations.clear(localTiers, cache, false);
	}

	@Override
	public void messagesLost() {
		trust.messagesLostAt(clock.instant());
		for (TierBinding binding : localTiers) {
			if (binding.tier() instanceof MemoryTier memory) {
				memory.clearAll();
			}
		}
	}

}
