package dev.cachet.backend.disk;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One lock's share of the {@link EntryTable}: the entries packed five longs each into dense, chunked
 * arrays (no object per entry), found through an open-addressing table of their positions.
 *
 * <p>An entry is {@code [key high, key low, meta, expiry millis, rank]}, {@code meta} as laid out by
 * {@link EntryBits}: 40 bytes, plus 4 bytes per table slot at a load of 3/8 to 3/4. The dense
 * arrays stay dense: a removal moves the last entry into the hole, so a chunk-sized tail is all
 * that is ever unused; chunks are allocated whole (1,024 entries) except the first, which grows
 * from 8 so that a small tier stays small. Loaded from a snapshot (see {@link #install}), the first
 * chunk is instead this segment's share of one large array that all segments' entries were read
 * into: a collector does not copy it about while it is filled, and it wastes no heap rounding
 * sixteen large arrays up to the collector's regions.
 *
 * <p>Every method holds the segment's monitor: they are short (a probe and a few array writes).
 */
final class EntrySegment {

	static final int STRIDE = 5;

	static final int HIGH = 0;

	static final int LOW = 1;

	static final int META = 2;

	static final int EXPIRY = 3;

	static final int RANK = 4;

	private static final int CHUNK_SHIFT = 10;

	private static final int CHUNK_ENTRIES = 1 << CHUNK_SHIFT;

	private static final int FIRST_CHUNK_ENTRIES = 8;

	private static final int MIN_TABLE = 16;

	private static final int POSITION_BITS = 26;

	private static final int POSITION_MASK = (1 << POSITION_BITS) - 1;

	private final CacheFolderIds folders;

	/**
	 * Per slot: 0 when empty, else the entry's dense position + 1 in the low {@link #POSITION_BITS}
	 * and a few bits of its hash above them, so that probing past other keys reads no entry.
	 */
	private int[] table = new int[MIN_TABLE];

	private long[][] chunks = new long[1][];

	/** How many entries the first chunk holds when full: as many as were loaded from a snapshot, if any. */
	private int firstEntries = CHUNK_ENTRIES;

	/** Where the first chunk starts in its array: this segment's share of a snapshot's, or 0. */
	private int firstBase;

	private int size;

	EntrySegment(CacheFolderIds folders) {
		this.folders = folders;
	}

	synchronized @Nullable IndexedEntry get(EntryTable.Key key) {
		int slot = find(key);
		return (slot < 0) ? null : entryAt(positionIn(slot), key);
	}

	/** Adds or replaces an entry; returns the one it replaced, or {@code null}. */
	synchronized @Nullable IndexedEntry put(EntryTable.Key key, IndexedEntry entry, long rank) {
		int slot = find(key);
		if (slot < 0) {
			insert(key.hash(), key.high(), key.low(), key.bits(), slot, EntryBits.meta(key.bits(), entry),
					entry.expiresAtMillis(), rank);
			return null;
		}
		int position = positionIn(slot);
		IndexedEntry previous = entryAt(position, key);
		write(position, key.high(), key.low(), EntryBits.meta(key.bits(), entry), entry.expiresAtMillis(), rank);
		return previous;
	}

	/**
	 * Takes the entries of an image read from a snapshot of the index (see
	 * {@link SegmentImage#keep}): its array becomes the first chunk, and its table of positions the
	 * segment's, or one is built if it has none.
	 * @throws IllegalStateException if the segment holds entries already
	 */
	synchronized void install(SegmentImage image) {
		if (this.size != 0) {
			throw new IllegalStateException("Disk index segment not empty");
		}
		boolean any = image.size() > 0; // else the array is not kept: nothing of it is used
		this.chunks = new long[1][];
		this.chunks[0] = any ? image.longs() : null;
		this.firstEntries = any ? image.capacity() : CHUNK_ENTRIES; // a share of an array never grows
		this.firstBase = any ? image.base() : 0;
		this.size = image.size();
		int[] loaded = image.table();
		if (loaded != null && isTableFor(loaded.length, this.size)) {
			this.table = loaded;
		}
		else {
			rehash(tableLengthFor(this.size));
		}
	}

	/** Adds an entry unless the indexed one ranks at least as high; returns the loser, or {@code null}. */
	synchronized @Nullable IndexedEntry putIfMoreRecent(EntryTable.Key key, IndexedEntry entry, long rank) {
		int slot = find(key);
		if (slot < 0) {
			insert(key.hash(), key.high(), key.low(), key.bits(), slot, EntryBits.meta(key.bits(), entry),
					entry.expiresAtMillis(), rank);
			return null;
		}
		int position = positionIn(slot);
		if (chunk(position)[offset(position) + RANK] >= rank) {
			return entry;
		}
		IndexedEntry previous = entryAt(position, key);
		write(position, key.high(), key.low(), EntryBits.meta(key.bits(), entry), entry.expiresAtMillis(), rank);
		return previous;
	}

	/** Removes the entry if it is still the indexed one (same write). */
	synchronized boolean remove(EntryTable.Key key, IndexedEntry entry) {
		int slot = current(key, entry);
		if (slot < 0) {
			return false;
		}
		removeAt(slot);
		return true;
	}

	/** The entry's rank, or {@link Long#MIN_VALUE} if it is no longer the indexed one. */
	synchronized long rank(EntryTable.Key key, IndexedEntry entry) {
		int slot = current(key, entry);
		return (slot < 0) ? Long.MIN_VALUE : rankAt(slot);
	}

	/**
	 * Sets the entry's rank to {@code rank}, or raises it to at least {@code rank} when {@code atLeast}.
	 * @return the rank before, or {@link Long#MIN_VALUE} (and nothing changed) if it is no longer indexed
	 */
	synchronized long setRank(EntryTable.Key key, IndexedEntry entry, long rank, boolean atLeast) {
		int slot = current(key, entry);
		if (slot < 0) {
			return Long.MIN_VALUE;
		}
		int position = positionIn(slot);
		long[] chunk = chunk(position);
		int offset = offset(position);
		long before = chunk[offset + RANK];
		chunk[offset + RANK] = atLeast ? Math.max(before, rank) : rank;
		return before;
	}

	synchronized int size() {
		return this.size;
	}

	/** Adds the entries of a cache folder (any, if negative) that expire at or before {@code expiredBy}. */
	synchronized void collect(int folderId, long expiredBy, List<IndexedEntry> out) {
		for (int position = 0; position < this.size; position++) {
			long[] chunk = chunk(position);
			int offset = offset(position);
			long meta = chunk[offset + META];
			if ((folderId < 0 || EntryBits.folderId(meta) == folderId) && chunk[offset + EXPIRY] <= expiredBy) {
				out.add(entryAt(position, null));
			}
		}
	}

	/** A copy of the entries, taken in one go so that no removal moves an entry past the copy. */
	synchronized SegmentImage image() {
		SegmentImage image = SegmentImage.ofSize(this.size).withTable(this.table.clone());
		int first = Math.min(this.size, this.firstEntries);
		if (first > 0) {
			System.arraycopy(this.chunks[0], this.firstBase, image.longs(), 0, first * STRIDE);
		}
		for (int position = first; position < this.size; position += CHUNK_ENTRIES) {
			int entries = Math.min(CHUNK_ENTRIES, this.size - position);
			System.arraycopy(chunk(position), 0, image.longs(), position * STRIDE, entries * STRIDE);
		}
		return image;
	}

	/** Adds every entry with its rank. */
	synchronized void collectRanked(List<DiskIndex.Ranked> out) {
		for (int position = 0; position < this.size; position++) {
			out.add(new DiskIndex.Ranked(chunk(position)[offset(position) + RANK], entryAt(position, null)));
		}
	}

	/** The entry at a dense position, named after {@code key} if it is the entry's (no names to format). */
	private IndexedEntry entryAt(int position, EntryTable.@Nullable Key key) {
		long[] chunk = chunk(position);
		int offset = offset(position);
		long meta = chunk[offset + META];
		String cacheFolder;
		String stem;
		if (key != null) {
			cacheFolder = key.cacheFolder();
			stem = key.stem();
		}
		else {
			long high = chunk[offset + HIGH];
			long low = chunk[offset + LOW];
			cacheFolder = this.folders.name(EntryBits.folderId(meta));
			stem = EntryBits.isHashed(meta) ? IndexKeys.hashedHex(high, low) : IndexKeys.hex(high, low);
		}
		return new IndexedEntry(cacheFolder, stem, EntryBits.size(meta), chunk[offset + EXPIRY],
				EntryBits.version(meta));
	}

	private long rankAt(int slot) {
		int position = positionIn(slot);
		return chunk(position)[offset(position) + RANK];
	}

	/** The slot of the key if it holds this very write of the entry, else -1. */
	private int current(EntryTable.Key key, IndexedEntry entry) {
		int slot = find(key);
		if (slot < 0) {
			return -1;
		}
		int position = positionIn(slot);
		long[] chunk = chunk(position);
		int offset = offset(position);
		return (chunk[offset + META] == EntryBits.meta(key.bits(), entry) && chunk[offset + EXPIRY] == entry.expiresAtMillis()) ? slot
				: -1;
	}

	private int find(EntryTable.Key key) {
		return find(key.hash(), key.high(), key.low(), key.bits());
	}

	/** The key's slot, or {@code -(empty slot + 1)} where it would go. */
	private int find(long hash, long high, long low, long keyBits) {
		int mask = this.table.length - 1;
		int tag = tagOf(hash);
		for (int slot = (int) hash & mask;; slot = (slot + 1) & mask) {
			int reference = this.table[slot];
			if (reference == 0) {
				return -(slot + 1);
			}
			if ((reference >>> POSITION_BITS) != tag) {
				continue; // another key: no need to look at its entry
			}
			long[] chunk = chunk((reference & POSITION_MASK) - 1);
			int offset = offset((reference & POSITION_MASK) - 1);
			if (chunk[offset + HIGH] == high && chunk[offset + LOW] == low
					&& EntryBits.keyBits(chunk[offset + META]) == keyBits) {
				return slot;
			}
		}
	}

	private void insert(long hash, long high, long low, long keyBits, int missingSlot, long meta, long expiry,
			long rank) {
		int slot = -missingSlot - 1;
		if ((this.size + 1) * 4L > this.table.length * 3L) {
			rehash(this.table.length * 2);
			slot = -find(hash, high, low, keyBits) - 1;
		}
		if (this.size >= POSITION_MASK - 1) {
			throw new IllegalStateException("Disk index segment full: " + this.size + " entries");
		}
		int position = this.size++;
		makeRoomAt(position);
		write(position, high, low, meta, expiry, rank);
		this.table[slot] = reference(hash, position);
	}

	private void write(int position, long high, long low, long meta, long expiry, long rank) {
		long[] chunk = chunk(position);
		int offset = offset(position);
		chunk[offset + HIGH] = high;
		chunk[offset + LOW] = low;
		chunk[offset + META] = meta;
		chunk[offset + EXPIRY] = expiry;
		chunk[offset + RANK] = rank;
	}

	/** Makes room for the entry at a dense position. */
	private void makeRoomAt(int position) {
		int index = chunkIndex(position);
		if (index >= this.chunks.length) {
			this.chunks = Arrays.copyOf(this.chunks, this.chunks.length * 2);
		}
		long[] chunk = this.chunks[index];
		int needed = (offset(position) + STRIDE);
		if (chunk == null) {
			this.chunks[index] = new long[((index == 0) ? FIRST_CHUNK_ENTRIES : CHUNK_ENTRIES) * STRIDE];
		}
		else if (chunk.length < needed) { // only the first chunk grows
			this.chunks[index] = Arrays.copyOf(chunk, Math.min(chunk.length * 2, this.firstEntries * STRIDE));
		}
	}

	/** Removes the entry in a slot; the last dense entry moves into its place. */
	private void removeAt(int slot) {
		int position = positionIn(slot);
		clearSlot(slot);
		int last = --this.size;
		if (position != last) {
			long[] from = chunk(last);
			int fromOffset = offset(last);
			System.arraycopy(from, fromOffset, chunk(position), offset(position), STRIDE);
			int mask = this.table.length - 1;
			int moved = (int) hashAt(last) & mask;
			while ((this.table[moved] & POSITION_MASK) != last + 1) {
				moved = (moved + 1) & mask;
			}
			this.table[moved] = (this.table[moved] & ~POSITION_MASK) | (position + 1);
		}
		if (this.size == 0 || (this.size >= this.firstEntries && offset(this.size) == 0)) {
			releaseSpareChunks();
		}
		if (this.size * 8L < this.table.length && this.table.length > MIN_TABLE) {
			rehash(tableLengthFor(this.size));
		}
	}

	/** Empties a slot, moving later entries of the probe run back so that every entry stays reachable. */
	private void clearSlot(int slot) {
		int mask = this.table.length - 1;
		int hole = slot;
		for (int next = (hole + 1) & mask; this.table[next] != 0; next = (next + 1) & mask) {
			int home = (int) hashAt((this.table[next] & POSITION_MASK) - 1) & mask;
			if (((next - home) & mask) >= ((next - hole) & mask)) {
				this.table[hole] = this.table[next];
				hole = next;
			}
		}
		this.table[hole] = 0;
	}

	/** Drops the chunks beyond the one being filled and one spare, after removals emptied them. */
	private void releaseSpareChunks() {
		int inUse = (this.size == 0) ? 0 : chunkIndex(this.size - 1) + 1;
		for (int index = Math.max(1, inUse + 1); index < this.chunks.length; index++) {
			this.chunks[index] = null;
		}
	}

	private void rehash(int length) {
		int[] rehashed = new int[length];
		int mask = length - 1;
		for (int position = 0; position < this.size; position++) {
			int slot = (int) hashAt(position) & mask;
			while (rehashed[slot] != 0) {
				slot = (slot + 1) & mask;
			}
			rehashed[slot] = reference(hashAt(position), position);
		}
		this.table = rehashed;
	}

	/** Whether a table of positions of {@code length} slots may hold {@code entries}: it leaves empty slots. */
	static boolean isTableFor(int length, int entries) {
		return Integer.bitCount(length) == 1 && length >= tableLengthFor(entries);
	}

	/** The table length that holds {@code entries} at a load of at most 3/4. */
	private static int tableLengthFor(int entries) {
		int length = MIN_TABLE;
		while (length * 3L < entries * 4L) {
			length *= 2;
		}
		return length;
	}

	private int positionIn(int slot) {
		return (this.table[slot] & POSITION_MASK) - 1;
	}

	/** Hash bits that neither the slot (low bits) nor the segment (high bits) is chosen by. */
	private static int tagOf(long hash) {
		return (int) (hash >>> 32) & ((1 << (Integer.SIZE - POSITION_BITS)) - 1);
	}

	private static int reference(long hash, int position) {
		return (tagOf(hash) << POSITION_BITS) | (position + 1);
	}

	private long hashAt(int position) {
		long[] chunk = chunk(position);
		int offset = offset(position);
		return EntryBits.hash(chunk[offset + HIGH], chunk[offset + LOW], EntryBits.keyBits(chunk[offset + META]));
	}

	private long[] chunk(int position) {
		return this.chunks[chunkIndex(position)];
	}

	private int chunkIndex(int position) {
		return (position < this.firstEntries) ? 0 : 1 + ((position - this.firstEntries) >>> CHUNK_SHIFT);
	}

	private int offset(int position) {
		return (position < this.firstEntries) ? this.firstBase + position * STRIDE
				: ((position - this.firstEntries) & (CHUNK_ENTRIES - 1)) * STRIDE;
	}

}
