package dev.cachet.backend.disk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The disk tier's in-memory index: entry lookup, size accounting and least-recently-used order.
 * Entries whose stem is 32 hex digits (nearly all) live in the compact {@link EntryTable}, about
 * 50 bytes each; the others in {@link NamedEntries}. Lookups return {@link IndexedEntry} values;
 * the methods that take one act only if it is still the indexed write of its key.
 *
 * <p>Recency is a rank: the time of the access in the high bits (so that processes sharing the
 * folder can compare it with a file's modification time, which they stamp on use) and an access
 * counter in the low 20 bits, so the order is exact when many reads share a millisecond or the
 * clock is frozen in a test. Entries found at start-up rank below every access of this run, among
 * themselves by expiry, until their file's own stamp is looked at (see {@link SizeEviction}).
 */
final class DiskIndex {

	private static final int COUNTER_BITS = 20;

	/** A file is stamped as used at most once per such period, so hot entries cost no system call per read. */
	private static final long STAMP_INTERVAL_MILLIS = 1_000;

	private final EntryTable table = new EntryTable();

	private final NamedEntries named = new NamedEntries();

	private final AtomicLong totalBytes = new AtomicLong();

	private final AtomicLong accessCounter = new AtomicLong();

	@Nullable IndexedEntry get(String cacheFolder, String stem) {
		EntryTable.Key key = this.table.lookupKey(cacheFolder, stem);
		return (key != null) ? this.table.segment(key).get(key) : this.named.get(IndexedEntry.id(cacheFolder, stem));
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

	/**
	 * Marks an entry used at {@code nowMillis}.
	 * @return whether its file is due a stamp: its first use in this stamp interval
	 */
	boolean touch(IndexedEntry entry, long nowMillis) {
		long before = setRank(entry, rank(nowMillis), false);
		return before != Long.MIN_VALUE && (before < 0
				|| Math.floorDiv(millisOf(before), STAMP_INTERVAL_MILLIS) < Math.floorDiv(nowMillis, STAMP_INTERVAL_MILLIS));
	}

	/**
	 * Raises an entry's rank to at least {@code rank} (a more recent use by another process).
	 * @return its rank now, or {@link Long#MIN_VALUE} if it is no longer indexed
	 */
	long raiseRank(IndexedEntry entry, long rank) {
		long before = setRank(entry, rank, true);
		return (before == Long.MIN_VALUE) ? before : Math.max(before, rank);
	}

	/** The entry's rank, or {@link Long#MIN_VALUE} if it is no longer the indexed write of its key. */
	long lastAccess(IndexedEntry entry) {
		EntryTable.Key key = this.table.keyOf(entry);
		return (key != null) ? this.table.segment(key).rank(key, entry) : this.named.rank(entry);
	}

	private long setRank(IndexedEntry entry, long rank, boolean atLeast) {
		EntryTable.Key key = this.table.keyOf(entry);
		return (key != null) ? this.table.segment(key).setRank(key, entry, rank, atLeast)
				: this.named.setRank(entry, rank, atLeast);
	}

	/**
	 * Adds or replaces an entry, used at {@code rank}.
	 * @return the entry it replaced, or {@code null}
	 */
	@Nullable IndexedEntry put(IndexedEntry entry, long rank) {
		EntryTable.Key key = this.table.keyOf(entry);
		IndexedEntry previous = (key != null) ? this.table.segment(key).put(key, entry, rank)
				: this.named.put(entry, rank);
		this.totalBytes.addAndGet(entry.size() - ((previous != null) ? previous.size() : 0));
		return previous;
	}

	/**
	 * Adds an entry found on disk unless one ranked at least as high is already indexed for its key.
	 * @return the entry that lost (its file is a stale duplicate), or {@code null}
	 */
	@Nullable IndexedEntry putIfMoreRecent(IndexedEntry entry, long rank) {
		EntryTable.Key key = this.table.keyOf(entry);
		IndexedEntry loser = (key != null) ? this.table.segment(key).putIfMoreRecent(key, entry, rank)
				: this.named.putIfMoreRecent(entry, rank);
		if (loser != entry) {
			this.totalBytes.addAndGet(entry.size() - ((loser != null) ? loser.size() : 0));
		}
		return loser;
	}

	/** The entries of 32-hex stems, as a snapshot holds them (see {@link #install}). */
	EntryTable.Image image() {
		return this.table.image();
	}

	/** The entries of other stems, or of caches past the compact table's limit. */
	List<IndexedEntry> namedEntries() {
		List<IndexedEntry> entries = new ArrayList<>();
		this.named.collect(null, Long.MAX_VALUE, entries);
		return entries;
	}

	/**
	 * Takes the entries of 32-hex stems from a snapshot whole, ranked as found at start-up: what
	 * {@link SegmentImage#keep} kept.
	 * @throws IllegalStateException if the index has held entries already
	 */
	void install(EntryTable.Image image) {
		this.table.install(image);
		long bytes = 0;
		for (SegmentImage segment : image.segments()) {
			bytes += segment.totalBytes();
		}
		this.totalBytes.addAndGet(bytes);
	}

	/** Removes an entry only if it is still the indexed write of its key. */
	boolean remove(IndexedEntry entry) {
		EntryTable.Key key = this.table.keyOf(entry);
		boolean removed = (key != null) ? this.table.segment(key).remove(key, entry) : this.named.remove(entry);
		if (removed) {
			this.totalBytes.addAndGet(-entry.size());
		}
		return removed;
	}

	/** The entries that expire at or before {@code nowMillis}. */
	List<IndexedEntry> expiredAt(long nowMillis) {
		List<IndexedEntry> expired = new ArrayList<>();
		this.table.collect(null, nowMillis, expired);
		this.named.collect(null, nowMillis, expired);
		return expired;
	}

	/** The entries of a cache folder. */
	List<IndexedEntry> entriesOf(String cacheFolder) {
		List<IndexedEntry> entries = new ArrayList<>();
		this.table.collect(cacheFolder, Long.MAX_VALUE, entries);
		this.named.collect(cacheFolder, Long.MAX_VALUE, entries);
		return entries;
	}

	/** A snapshot of the entries, least recently used first. */
	PriorityQueue<Ranked> leastRecentlyUsedFirst() {
		// Each rank is read once: reads keep moving them while the queue is built.
		List<Ranked> ranked = new ArrayList<>(size());
		this.table.collectRanked(ranked);
		this.named.collectRanked(ranked);
		PriorityQueue<Ranked> queue = new PriorityQueue<>(Math.max(1, ranked.size()),
				Comparator.comparingLong(Ranked::rank));
		queue.addAll(ranked);
		return queue;
	}

	int size() {
		return this.table.size() + this.named.size();
	}

	long totalBytes() {
		return this.totalBytes.get();
	}

	/** An entry with its rank when it was looked at. */
	record Ranked(long rank, IndexedEntry entry) {
	}

}
