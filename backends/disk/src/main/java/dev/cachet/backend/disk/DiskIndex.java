package dev.cachet.backend.disk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The disk tier's in-memory index: entry lookup, size accounting and least-recently-used order.
 *
 * <p>Recency is a rank: the time of the access in the high bits (so that processes sharing the
 * folder can compare it with a file's modification time, which they stamp on use) and an access
 * counter in the low 20 bits, so the order is exact when many reads share a millisecond or the
 * clock is frozen in a test. Entries found at start-up rank below every access of this run, among
 * themselves by expiry, until their file's own stamp is looked at (see {@link SizeEviction}).
 */
final class DiskIndex {

	private final ConcurrentHashMap<String, IndexedEntry> entries = new ConcurrentHashMap<>();

	private final AtomicLong totalBytes = new AtomicLong();

	private static final int COUNTER_BITS = 20;

	private final AtomicLong accessCounter = new AtomicLong();

	IndexedEntry get(String id) {
		return this.entries.get(id);
	}

	/** The rank of an entry found at start-up: negative, below any access of this run. */
	static long startRank(long expiresAtMillis) {
		return expiresAtMillis - Long.MAX_VALUE; // expiries are never negative: no overflow
	}

	/** The rank of an access at {@code nowMillis}. */
	long rank(long nowMillis) {
		return (nowMillis << COUNTER_BITS) | (this.accessCounter.incrementAndGet() & ((1 << COUNTER_BITS) - 1));
	}

	/** The rank of a use at {@code millis} in another process, known from the file's stamp. */
	static long rankOfStamp(long millis) {
		return millis << COUNTER_BITS;
	}

	/** The time of a rank, in millis; negative for entries found at start-up. */
	static long millisOf(long rank) {
		return rank >> COUNTER_BITS;
	}

	void touch(IndexedEntry entry, long nowMillis) {
		entry.accessedAt(rank(nowMillis));
	}

	/**
	 * Adds or replaces an entry.
	 * @return the entry it replaced, or {@code null}
	 */
	IndexedEntry put(IndexedEntry entry) {
		IndexedEntry previous = this.entries.put(entry.id(), entry);
		this.totalBytes.addAndGet(entry.size() - ((previous != null) ? previous.size() : 0));
		return previous;
	}

	/**
	 * Adds an entry found on disk unless one more recent is already indexed for its key.
	 * @return the entry that lost (its file is a stale duplicate), or {@code null}
	 */
	IndexedEntry putIfMoreRecent(IndexedEntry entry) {
		IndexedEntry[] loser = new IndexedEntry[1];
		this.entries.compute(entry.id(), (id, current) -> {
			if (current != null && current.lastAccess() >= entry.lastAccess()) {
				loser[0] = entry;
				return current;
			}
			loser[0] = current;
			this.totalBytes.addAndGet(entry.size() - ((current != null) ? current.size() : 0));
			return entry;
		});
		return loser[0];
	}

	/** Removes an entry only if it is still the one indexed for its key. */
	boolean remove(IndexedEntry entry) {
		if (this.entries.remove(entry.id(), entry)) {
			this.totalBytes.addAndGet(-entry.size());
			return true;
		}
		return false;
	}

	Collection<IndexedEntry> entries() {
		return this.entries.values();
	}

	/** A snapshot of the entries, least recently used first. */
	PriorityQueue<Ranked> leastRecentlyUsedFirst() {
		// Each rank is read once: reads keep moving them while the queue is built.
		List<Ranked> ranked = new ArrayList<>(this.entries.size());
		for (IndexedEntry entry : this.entries.values()) {
			ranked.add(new Ranked(entry.lastAccess(), entry));
		}
		PriorityQueue<Ranked> queue = new PriorityQueue<>(Math.max(1, ranked.size()),
				Comparator.comparingLong(Ranked::rank));
		queue.addAll(ranked);
		return queue;
	}

	int size() {
		return this.entries.size();
	}

	long totalBytes() {
		return this.totalBytes.get();
	}

	/** An entry with its rank when it was looked at. */
	record Ranked(long rank, IndexedEntry entry) {
	}

}
