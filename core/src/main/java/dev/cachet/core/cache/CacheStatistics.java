package dev.cachet.core.cache;

import java.util.concurrent.atomic.LongAdder;

/** Running counts of one cache, over all its tiers. */
public class CacheStatistics {

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder puts = new LongAdder();

	private final LongAdder evictions = new LongAdder();

	private final LongAdder loads = new LongAdder();

	private final LongAdder loadNanos = new LongAdder();

	private final LongAdder savedNanos = new LongAdder();

	private final LongAdder uncached = new LongAdder();

	private final LongAdder staleHits = new LongAdder();

	private final LongAdder staleIfErrors = new LongAdder();

	private final LongAdder refreshes = new LongAdder();

	private final LongAdder refreshesSkipped = new LongAdder();

	private final LongAdder refreshesFailed = new LongAdder();

	private final LongAdder[] rejected = new LongAdder[MissReason.values().length];

	CacheStatistics() {
		for (int i = 0; i < rejected.length; i++) {
			rejected[i] = new LongAdder();
		}
	}

	void reject(MissReason reason) {
		rejected[reason.ordinal()].increment();
	}

	void hit(long computeNanosSaved) {
		hits.increment();
		savedNanos.add(computeNanosSaved);
	}

	void miss() {
		misses.increment();
	}

	void put() {
		puts.increment();
	}

	void eviction() {
		evictions.increment();
	}

	void load(long nanos) {
		loads.increment();
		loadNanos.add(nanos);
	}

	void uncached() {
		uncached.increment();
	}

	void staleHit() {
		staleHits.increment();
	}

	void staleIfError() {
		staleIfErrors.increment();
	}

	void refreshed() {
		refreshes.increment();
	}

	void refreshSkipped() {
		refreshesSkipped.increment();
	}

	void refreshFailed() {
		refreshesFailed.increment();
	}

	public long hits() {
		return hits.sum();
	}

	public long misses() {
		return misses.sum();
	}

	public long puts() {
		return puts.sum();
	}

	public long evictions() {
		return evictions.sum();
	}

	/** Computations run through {@code get(key, loader)} or {@code retrieve(key, loader)}. */
	public long loads() {
		return loads.sum();
	}

	public long loadNanos() {
		return loadNanos.sum();
	}

	/** Compute time the hits avoided, from the compute time recorded in each entry. */
	public long timeSavedNanos() {
		return savedNanos.sum();
	}

	/** Entries a tier held but that were not served, for one reason. */
	public long rejected(MissReason reason) {
		return rejected[reason.ordinal()].sum();
	}

	/** Calls that bypassed the cache: unhashable arguments, disabled behaviour or unencodable values. */
	public long uncachedCalls() {
		return uncached.sum();
	}

	/**
	 * Entries served past their max-age within stale-while-revalidate. The read that found one counts
	 * a miss and a {@code stale} rejection too, as any read past max-age does.
	 */
	public long staleHits() {
		return staleHits.sum();
	}

	/** Entries served past their max-age within stale-if-error because the recomputation threw. */
	public long staleIfErrorServes() {
		return staleIfErrors.sum();
	}

	/** Background refreshes of stale entries that completed. */
	public long refreshes() {
		return refreshes.sum();
	}

	/** Background refreshes not run: another instance held the entry's lease, or the refresh pool was full. */
	public long refreshesSkipped() {
		return refreshesSkipped.sum();
	}

	/** Background refreshes whose recomputation threw; the stale entry stays. */
	public long refreshesFailed() {
		return refreshesFailed.sum();
	}

}
