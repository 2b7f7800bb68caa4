package dev.cachet.backend.disk;

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

	/** Copies of the segments' entries, in segment order, and the cache folder names their ids stand for. */
	Image image() {
		SegmentImage[] images = new SegmentImage[SEGMENTS];
		for (int i = 0; i < SEGMENTS; i++) {
			images[i] = this.segments[i].image();
		}
		return new Image(this.folders.names(), images); // names after entries: every id copied has its name
	}

	/**
	 * Takes the entries of an image (read from a snapshot) whole, the cache folders getting the ids
	 * it gives them.
	 * @throws IllegalStateException if the table has seen any cache folder or entry already
	 */
	void install(Image image) {
		for (int id = 0; id < image.folders().length; id++) {
			if (this.folders.idOf(image.folders()[id]) != id) {
				throw new IllegalStateException("Disk index not empty: cache folder ids taken");
			}
		}
		for (int i = 0; i < SEGMENTS; i++) {
			this.segments[i].install(image.segments()[i]);
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

	/**
	 * A key of the table: the 128 bits of the stem's hex, and the {@code meta} bits that belong to
	 * the key (hashed or not, cache folder id), with its hash; and the names it was made of, which
	 * entries found under it reuse.
	 */
	record Key(String cacheFolder, String stem, long high, long low, long bits, long hash) {
	}

	/**
	 * The entries of the table as a snapshot holds them.
	 * @param folders  the cache folder of each id
	 * @param segments the entries of each segment, {@link #SEGMENTS} of them
	 */
	record Image(String[] folders, SegmentImage[] segments) {
	}

}
