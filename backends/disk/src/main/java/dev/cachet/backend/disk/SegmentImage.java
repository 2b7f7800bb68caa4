package dev.cachet.backend.disk;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The dense entries of one {@link EntrySegment}, in the segment's own layout, as the index snapshot
 * holds them: copied out at close, read back in bulk at start-up and handed to the segment whole,
 * so that no entry is inserted one by one. Read from a snapshot, the images of all segments share
 * one array (see {@link #shared}).
 *
 * @param longs    the array, {@link EntrySegment#STRIDE} longs per entry
 * @param base     where this image's entries start in it
 * @param capacity how many entries this image has room for from {@code base}
 * @param size     how many entries there are, at most {@code capacity}
 * @param table    the segment's table of positions of exactly these entries, or {@code null} when
 *                 it is to be built from them
 */
record SegmentImage(long[] longs, int base, int capacity, int size, int @Nullable [] table) {

	/** The most entries the images sharing one array can hold. */
	static final int MAX_SHARED = (Integer.MAX_VALUE - 8) / EntrySegment.STRIDE;

	/** An image of {@code size} entries in an array of its own, to be filled. */
	static SegmentImage ofSize(int size) {
		return new SegmentImage(new long[size * EntrySegment.STRIDE], 0, size, size, null);
	}

	/**
	 * Images of {@code sizes[i]} entries each, one after the other in one array, to be filled by
	 * one read: one large array (or a few collector regions) rather than one per segment.
	 * @throws IllegalArgumentException if they add up to more than {@link #MAX_SHARED}
	 */
	static SegmentImage[] shared(int[] sizes) {
		long total = 0;
		for (int size : sizes) {
			total += size;
		}
		if (total > MAX_SHARED) {
			throw new IllegalArgumentException(total + " entries do not fit one array");
		}
		long[] longs = new long[(int) total * EntrySegment.STRIDE];
		SegmentImage[] images = new SegmentImage[sizes.length];
		int base = 0;
		for (int i = 0; i < sizes.length; i++) {
			images[i] = new SegmentImage(longs, base, sizes[i], sizes[i], null);
			base += sizes[i] * EntrySegment.STRIDE;
		}
		return images;
	}

	/**
	 * Keeps the entries of the shard folders the snapshot still describes that have not expired:
	 * the others are moved out, the expired ones added to {@code expired} (their files are to be
	 * deleted). A kept entry gets a fresh write version and the rank of an entry found at start-up.
	 * The table of positions stays only if every entry was kept.
	 * @param current per cache folder id, 256 flags: whether the shard of that first byte is described
	 * @param names   the name of each cache folder id
	 * @return the image of the kept entries (in place, compacted)
	 * @throws IOException if an entry is out of range (then nothing of the snapshot may be trusted)
	 */
	SegmentImage keep(boolean[] current, String[] names, long nowMillis, List<IndexedEntry> expired)
			throws IOException {
		long[] entries = this.longs;
		int firstVersion = IndexedEntry.reserveVersions(this.size);
		int kept = 0;
		for (int position = 0; position < this.size; position++) {
			int at = this.base + position * EntrySegment.STRIDE;
			long high = entries[at + EntrySegment.HIGH];
			long meta = entries[at + EntrySegment.META];
			long expiry = entries[at + EntrySegment.EXPIRY];
			int folderId = EntryBits.folderId(meta);
			if (folderId >= names.length || expiry < 0 || EntryBits.size(meta) > EntryNames.MAX_SIZE) {
				throw new IOException("entry out of range");
			}
			if (!current[(folderId << Byte.SIZE) | SnapshotFile.hexShard(high)]) {
				continue; // its shard folder is listed instead
			}
			long low = entries[at + EntrySegment.LOW];
			if (nowMillis >= expiry) {
				String stem = EntryBits.isHashed(meta) ? IndexKeys.hashedHex(high, low) : IndexKeys.hex(high, low);
				expired.add(IndexedEntry.of(names[folderId], stem, EntryBits.size(meta), expiry));
				continue;
			}
			int to = this.base + kept * EntrySegment.STRIDE;
			entries[to + EntrySegment.HIGH] = high;
			entries[to + EntrySegment.LOW] = low;
			entries[to + EntrySegment.META] = EntryBits.withVersion(meta, IndexedEntry.versionOf(firstVersion + position));
			entries[to + EntrySegment.EXPIRY] = expiry;
			entries[to + EntrySegment.RANK] = DiskIndex.startRank(expiry);
			kept++;
		}
		return new SegmentImage(entries, this.base, this.capacity, kept, (kept == this.size) ? this.table : null);
	}

	/** This image with a table of positions of its entries. */
	SegmentImage withTable(int[] table) {
		return new SegmentImage(this.longs, this.base, this.capacity, this.size, table);
	}

	/** The bytes the entries' files hold. */
	long totalBytes() {
		long bytes = 0;
		for (int position = 0; position < this.size; position++) {
			bytes += EntryBits.size(this.longs[this.base + position * EntrySegment.STRIDE + EntrySegment.META]);
		}
		return bytes;
	}

}
