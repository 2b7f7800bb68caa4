package dev.cachet.core.cache;

import java.time.Instant;

import dev.cachet.core.envelope.EntryMetadata;

/**
 * Whether entries in node-local tiers can be trusted to reflect other instances' evictions. After
 * the invalidation bus lost messages, this instance cannot know which of its local entries were
 * evicted elsewhere, so local entries written before that moment are read as misses from then on;
 * the shared tiers (or a recomputation) answer instead.
 */
final class LocalTierTrust {

	private volatile Instant trustedSince = Instant.MIN;

	/** Distrusts every local entry created before {@code now}. */
	void messagesLostAt(Instant now) {
		trustedSince = now;
	}

	/** Whether an entry read from {@code binding} may be served. */
	boolean trusts(TierBinding binding, EntryMetadata metadata) {
		return binding.tier().shared() || !metadata.createdAt().isBefore(trustedSince);
	}

}
