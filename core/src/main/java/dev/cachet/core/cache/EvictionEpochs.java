package dev.cachet.core.cache;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts evictions, striped by key, and clears, so that a read which copies an entry into nearer
 * tiers can tell whether an eviction of that key ran meanwhile: its copy would then outlive the
 * eviction, and is withdrawn. A stripe shared by two keys only costs a needless withdrawal.
 */
final class EvictionEpochs {

	private static final int STRIPES = 1024;

	private final AtomicLongArray evictions = new AtomicLongArray(STRIPES);

	private final AtomicLong clears = new AtomicLong();

	/** Changes whenever an eviction of the key, or a clear, starts. */
	long current(String cache, String key) {
		return this.evictions.get(stripe(cache, key)) + this.clears.get();
	}

	/** Called before an eviction touches any tier. */
	void evicting(String cache, String key) {
		this.evictions.incrementAndGet(stripe(cache, key));
	}

	/** Called before a clear touches any tier. */
	void clearing() {
		this.clears.incrementAndGet();
	}

	private static int stripe(String cache, String key) {
		int hash = 31 * cache.hashCode() + key.hashCode();
		return (hash ^ (hash >>> 16)) & (STRIPES - 1);
	}

}
