package dev.cachet.backend.disk;

import java.io.IOException;
import java.util.List;

/**
 * The dense entries of one {@link EntrySegment} in one array, in the segment's own layout, as the
 * index snapshot holds them: copied out at close, read back in bulk at start-up and handed to the
 * segment whole, so that no entry is inserted one by one.
 *
 * @param entries {@link EntrySegment#STRIDE} longs per entry
 * @param size    how many entries there are (at most as many as {@code entries} holds)
 */
record SegmentImage(long[] entries, int size) {

	/** An image of {@code size} entries, to be filled. */
	static SegmentImage ofSize(int size) {
		return new SegmentImage(new long[size * EntrySegment.STRIDE], size);
	}

	/**
	 * Keeps the entries of the shard folders the snapshot still describes that have not expired:
	 * the others are moved out, the expired ones added to {@code expired} (their files are to be
	 * deleted). A kept entry gets a fresh write version and the rank of an entry found at start-up.
	 * @param current per cache folder id, 256 flags: whether the shard of that first byte is described
	 * @param names   the name of each cache folder id
	 * @return the image of the kept entries (this one's array, compacted)
	 * @throws IOException if an entry is out of range (then nothing of the snapshot may be trusted)
	 */
	SegmentImage keep(boolean[] current, String[] names, long nowMillis, List<IndexedEntry> expired)
			throws IOException {
		long[] longs = this.entries;
		int firstVersion = IndexedEntry.reserveVersions(this.size);
		int kept = 0;
		for (int position = 0; position < this.size; position++) {
			int at = position * EntrySegment.STRIDE;
			long high = longs[at + EntrySegment.HIGH];
			long meta = longs[at + EntrySegment.META];
			long expiry = longs[at + EntrySegment.EXPIRY];
			int folderId = EntryBits.folderId(meta);
			if (folderId >= names.length || expiry < 0 || EntryBits.size(meta) > EntryNames.MAX_SIZE) {
				throw new IOException("entry out of range");
			}
			if (!current[(folderId << Byte.SIZE) | SnapshotFile.hexShard(high)]) {
				continue; // its shard folder is listed instead
			}
			long low = longs[at + EntrySegment.LOW];
			if (nowMillis >= expiry) {
				String stem = EntryBits.isHashed(meta) ? IndexKeys.hashedHex(high, low) : IndexKeys.hex(high, low);
				expired.add(IndexedEntry.of(names[folderId], stem, EntryBits.size(meta), expiry));
				continue;
			}
			int to = kept * EntrySegment.STRIDE;
			longs[to + EntrySegment.HIGH] = high;
			longs[to + EntrySegment.LOW] = low;
			longs[to + EntrySegment.META] = EntryBits.withVersion(meta, IndexedEntry.versionOf(firstVersion + position));
			longs[to + EntrySegment.EXPIRY] = expiry;
			longs[to + EntrySegment.RANK] = DiskIndex.startRank(expiry);
			kept++;
		}
		return new SegmentImage(longs, kept);
	}

	/** The bytes the entries' files hold. */
	long totalBytes() {
		long bytes = 0;
		for (int position = 0; position < this.size; position++) {
			bytes += EntryBits.size(this.entries[position * EntrySegment.STRIDE + EntrySegment.META]);
		}
		return bytes;
	}

}
