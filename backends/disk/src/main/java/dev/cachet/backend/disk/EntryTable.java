package dev.cachet.backend.disk;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The compact part of the {@link DiskIndex}: the entries whose stem is 32 hex digits (an address id,
 * or {@code ~} and the hash of another key id), which is nearly all of them. Their key is kept as
 * two longs and the cache folder as a small id, in {@link #SEGMENTS} independently locked
 * {@link EntrySegment}s so that hits and writes on different keys rarely wait for each other.
 */
final class EntryTable {

	private static final int SEGMENT_BITS = 4;

	static final int SEGMENTS = 1 << SEGMENT_BITS;

	private final CacheFolderIds folders = new CacheFolderIds();

	private final EntrySegment[] segments = new EntrySegment[SEGMENTS];

	EntryTable() {
		for (int i = 0; i < SEGMENTS; i++) {
			this.segments[i] = new EntrySegment(this.folders);
		}
	}

	/**
	 * The key of an entry in this table, or {@code null} when it belongs elsewhere: a stem that is
	 * not 32 hex digits, or a cache folder past the id limit.
	 * @throws IllegalArgumentException if the size is beyond what an entry file name can hold
	 */
	@Nullable Key keyOf(IndexedEntry entry) {
		if (entry.size() > EntryNames.MAX_SIZE) {
			throw new IllegalArgumentException("Disk entries hold at most " + EntryNames.MAX_SIZE + " bytes");
		}
		return key(entry.cacheFolder(), entry.stem(), true);
	}

	/** The key of a cache folder and stem to look up, or {@code null} when this table cannot hold it. */
	@Nullable Key lookupKey(String cacheFolder, String stem) {
		return key(cacheFolder, stem, false);
	}

	private @Nullable Key key(String cacheFolder, String stem, boolean assignId) {
		int start = IndexKeys.hexStart(stem);
		if (start < 0) {
			return null;
		}
		int folderId = assignId ? this.folders.idOf(cacheFolder) : this.folders.existingId(cacheFolder);
		if (folderId < 0) {
			return null;
		}
		long high = IndexKeys.parse16(stem, start);
		long low = IndexKeys.parse16(stem, start + 16);
		long bits = EntryBits.keyBits(start == 1, folderId);
		return new Key(cacheFolder, stem, high, low, bits, EntryBits.hash(high, low, bits));
	}

	/** Adds an entry read from a snapshot of the index unless its key is indexed already. */
	Load load(String cacheFolder, boolean hashed, long high, long low, long size, long expiresAtMillis, long rank) {
		int folderId = this.folders.idOf(cacheFolder);
		if (folderId < 0) {
			return Load.NOT_HELD;
		}
		long bits = EntryBits.keyBits(hashed, folderId);
		long hash = EntryBits.hash(high, low, bits);
		return segment(hash).load(hash, high, low, EntryBits.meta(bits, size, IndexedEntry.nextVersion()),
				expiresAtMillis, rank) ? Load.ADDED : Load.PRESENT;
	}

	/** Makes room for about {@code entries} more entries at once. */
	void reserve(int entries) {
		for (EntrySegment segment : this.segments) {
			segment.reserve(entries / SEGMENTS + entries / (4 * SEGMENTS)); // a quarter spare: keys spread unevenly
		}
	}

	/** Hands every entry to {@code out}, a segment at a time. */
	void export(EntrySegment.RawEntries out) throws IOException {
		for (EntrySegment segment : this.segments) {
			segment.export(out);
		}
	}

	/** Whether a cache folder may hold entries here (it has an id); the others are all kept elsewhere. */
	boolean knows(String cacheFolder) {
		return this.folders.existingId(cacheFolder) >= 0;
	}

	EntrySegment segment(Key key) {
		return segment(key.hash());
	}

	private EntrySegment segment(long hash) {
		return this.segments[(int) (hash >>> (Long.SIZE - SEGMENT_BITS))];
	}

	int size() {
		int size = 0;
		for (EntrySegment segment : this.segments) {
			size += segment.size();
		}
		return size;
	}

	/** Adds the entries of a cache folder ({@code null}: any) expiring at or before {@code expiredBy}. */
	void collect(@Nullable String cacheFolder, long expiredBy, List<IndexedEntry> out) {
		int folderId = -1;
		if (cacheFolder != null) {
			folderId = this.folders.existingId(cacheFolder);
			if (folderId < 0) {
				return;
			}
		}
		for (EntrySegment segment : this.segments) {
			segment.collect(folderId, expiredBy, out);
		}
	}

	void collectRanked(List<DiskIndex.Ranked> out) {
		for (EntrySegment segment : this.segments) {
			segment.collectRanked(out);
		}
	}

	/** What {@link #load} did: added the entry, found its key indexed, or cannot hold its cache folder. */
	enum Load {

		ADDED, PRESENT, NOT_HELD

	}

	/**
	 * A key of the table: the 128 bits of the stem's hex, and the {@code meta} bits that belong to
	 * the key (hashed or not, cache folder id), with its hash; and the names it was made of, which
	 * entries found under it reuse.
	 */
	record Key(String cacheFolder, String stem, long high, long low, long bits, long hash) {
	}

}
