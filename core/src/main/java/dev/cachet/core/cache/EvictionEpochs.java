package dev.cachet.core.cache;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts the evictions (striped by key) and clears that started and that finished, so that a read
 * which copies an entry into nearer tiers can tell whether an eviction of that key overlapped it:
 * while one runs, nothing is copied; when one started after the read began, the copies are
 * withdrawn. Otherwise a copy made from a farther tier the eviction had not reached yet would
 * outlive it. Two keys sharing a stripe only cost a needless withdrawal.
 */
final class EvictionEpochs {

	private static final int STRIPES = 1024;

	private final AtomicLongArray started = new AtomicLongArray(STRIPES);

	private final AtomicLongArray finished = new AtomicLongArray(STRIPES);

	private final AtomicLong clearsStarted = new AtomicLong();

	private final AtomicLong clearsFinished = new AtomicLong();

	/** How many evictions of the key's stripe, and clears, have started; read when a read begins. */
	long started(String cache, String key) {
		return this.started.get(stripe(cache, key)) + this.clearsStarted.get();
	}

	/** Whether an eviction of the key's stripe or a clear is running now. */
	boolean running(String cache, String key) {
		int stripe = stripe(cache, key);
		return this.started.get(stripe) != this.finished.get(stripe)
				|| this.clearsStarted.get() != this.clearsFinished.get();
	}

	void evictionStarted(String cache, String key) {
		this.started.incrementAndGet(stripe(cache, key));
	}

	void evictionFinished(String cache, String key) {
		this.finished.incrementAndGet(stripe(cache, key));
	}

	void clearStarted() {
		this.clearsStarted.incrementAndGet();
	}

	void clearFinished() {
		this.clearsFinished.incrementAndGet();
	}

	private static int stripe(String cache, String key) {
		int hash = 31 * cache.hashCode() + key.hashCode();
		return (hash ^ (hash >>> 16)) & (STRIPES - 1);
	}

}
