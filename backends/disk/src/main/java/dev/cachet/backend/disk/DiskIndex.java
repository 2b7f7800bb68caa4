package dev.cachet.backend.disk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The disk tier's in-memory index: entry lookup, size accounting and least-recently-used order.
 *
 * <p>Recency is a logical clock, not wall time: every access takes the next tick, so the order is
 * exact even when many reads share a millisecond or the wall clock is frozen in a test. Entries
 * found at start-up rank below every tick of this run, among themselves by expiry: the entry that
 * expires first is the first evicted (with one storage TTL per tier, that is also the oldest).
 */
final class DiskIndex {

	private final ConcurrentHashMap<String, IndexedEntry> entries = new ConcurrentHashMap<>();

	private final AtomicLong totalBytes = new AtomicLong();

	private final AtomicLong accessClock = new AtomicLong();

	IndexedEntry get(String id) {
		return this.entries.get(id);
	}

	/** The tick of an entry found at start-up: at most zero, the first tick of this run being one. */
	static long startTick(long expiresAtMillis) {
		return expiresAtMillis - Long.MAX_VALUE; // expiries are never negative: no overflow
	}

	/** The next tick of the access clock. */
	long tick() {
		return this.accessClock.incrementAndGet();
	}

	void touch(IndexedEntry entry) {
		entry.accessedAt(tick());
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
	List<IndexedEntry> leastRecentlyUsedFirst() {
		// Each tick is read once: reads keep moving them while the snapshot is sorted.
		List<Ranked> ranked = new ArrayList<>(this.entries.size());
		for (IndexedEntry entry : this.entries.values()) {
			ranked.add(new Ranked(entry.lastAccess(), entry));
		}
		ranked.sort(Comparator.comparingLong(Ranked::tick));
		return ranked.stream().map(Ranked::entry).toList();
	}

	int size() {
		return this.entries.size();
	}

	long totalBytes() {
		return this.totalBytes.get();
	}

	private record Ranked(long tick, IndexedEntry entry) {
	}

}
