package dev.cachet.core.cache;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.cachet.core.envelope.EntryMetadata;

/**
 * Whether entries in node-local tiers can be trusted to reflect other instances' evictions. After
 * the invalidation bus lost messages it cannot replay, this instance cannot know which of its local
 * entries were evicted elsewhere, so local entries written before that moment are read as misses
 * from then on; the shared tiers (or a recomputation) answer instead.
 *
 * <p>An entry a shared tier served after that moment is as current as the shared tier, so the local
 * copies of that very entry are trusted again. Promotion copies an entry's bytes, created-at
 * included, so the copy alone cannot tell that it was re-read: its metadata is remembered per
 * address with the moment the read started, and a local entry with equal metadata, re-read after
 * the loss, is trusted. At most {@value #MAX_REREADS} addresses are remembered; beyond that all are
 * forgotten, which costs another read from the shared tier, never a wrong value.
 */
final class LocalTierTrust {

	static final int MAX_REREADS = 100_000;

	private volatile Instant trustedSince = Instant.MIN;

	/** By address: the entry a shared tier last served there while local copies were distrusted. */
	private final ConcurrentMap<String, Reread> rereads = new ConcurrentHashMap<>();

	/** Distrusts every local entry created before {@code now}. */
	void messagesLostAt(Instant now) {
		trustedSince = now;
		// Older re-reads no longer count (trusts checks their time); dropping them only saves memory.
		rereads.clear();
	}

	/** Whether an entry read from {@code binding} may be served. */
	boolean trusts(TierBinding binding, EntryMetadata metadata) {
		Instant since = trustedSince;
		if (binding.tier().shared() || !metadata.createdAt().isBefore(since)) {
			return true;
		}
		Reread reread = rereads.get(metadata.address());
		return reread != null && reread.readAt().isAfter(since) && reread.metadata().equals(metadata);
	}

	/**
	 * Remembers that a shared tier served an entry to a read that started at {@code readStartedMillis},
	 * if local copies of it would otherwise be distrusted.
	 */
	void servedFromShared(EntryMetadata metadata, long readStartedMillis) {
		Instant since = trustedSince;
		if (!metadata.createdAt().isBefore(since)) {
			return; // the usual case, allocation-free: trusted anyway
		}
		Instant readStartedAt = Instant.ofEpochMilli(readStartedMillis);
		if (!readStartedAt.isAfter(since)) {
			return;
		}
		if (rereads.size() >= MAX_REREADS) {
			rereads.clear();
		}
		rereads.put(metadata.address(), new Reread(metadata, readStartedAt));
	}

	private record Reread(EntryMetadata metadata, Instant readAt) {
	}

}
