package dev.cachet.backend.disk;

import java.io.IOException;
import java.util.List;

/**
 * The dense entries of one {@link EntrySegment}, in its own chunked layout, as the index snapshot
 * holds them: copied out whole at close, read back in bulk at start-up and handed to the segment
 * whole, so that no entry is inserted one by one.
 *
 * @param chunks the segment's chunks, {@link EntrySegment#CHUNK_ENTRIES} entries each, the last
 *               filled up to {@code size}; at least one array slot ({@code null} when empty)
 * @param size   how many entries there are
 */
record SegmentImage(long[][] chunks, int size) {

	/** An image of {@code size} entries with its chunks allocated, to be filled. */
	static SegmentImage ofSize(int size) {
		int count = (size + EntrySegment.CHUNK_ENTRIES - 1) >>> EntrySegment.CHUNK_SHIFT;
		long[][] chunks = new long[Math.max(1, count)][];
		for (int i = 0; i < count; i++) {
			chunks[i] = new long[EntrySegment.CHUNK_ENTRIES * EntrySegment.STRIDE];
		}
		return new SegmentImage(chunks, size);
	}

	/** The number of longs the entries take in chunk {@code index}. */
	int longsIn(int index) {
		int entries = Math.min(EntrySegment.CHUNK_ENTRIES, this.size - (index << EntrySegment.CHUNK_SHIFT));
		return entries * EntrySegment.STRIDE;
	}

	/** The number of chunks that hold entries. */
	int chunkCount() {
		return (this.size + EntrySegment.CHUNK_ENTRIES - 1) >>> EntrySegment.CHUNK_SHIFT;
	}

	/**
	 * Keeps the entries of the shard folders the snapshot still describes that have not expired:
	 * the others are moved out, the expired ones added to {@code expired} (their files are to be
	 * deleted). A kept entry gets a fresh write version and the rank of an entry found at start-up.
	 * @param current     per cache folder id, 256 flags: whether the shard of that first byte is described
	 * @param folderCount how many cache folder ids the snapshot names
	 * @param names       the names of the cache folder ids, for the expired entries
	 * @return the image of the kept entries (this one's arrays, compacted)
	 * @throws IOException if an entry is out of range (then nothing of the snapshot may be trusted)
	 */
	SegmentImage keep(boolean[] current, int folderCount, long nowMillis, String[] names, List<IndexedEntry> expired)
			throws IOException {
		int firstVersion = IndexedEntry.reserveVersions(this.size);
		int kept = 0;
		for (int position = 0; position < this.size; position++) {
			long[] chunk = this.chunks[position >>> EntrySegment.CHUNK_SHIFT];
			int offset = (position & (EntrySegment.CHUNK_ENTRIES - 1)) * EntrySegment.STRIDE;
			long high = chunk[offset + EntrySegment.HIGH];
			long meta = chunk[offset + EntrySegment.META];
			long expiry = chunk[offset + EntrySegment.EXPIRY];
			int folderId = EntryBits.folderId(meta);
			if (folderId >= folderCount || expiry < 0 || EntryBits.size(meta) > EntryNames.MAX_SIZE) {
				throw new IOException("entry out of range");
			}
			if (!current[(folderId << Byte.SIZE) | SnapshotFile.hexShard(high)]) {
				continue; // its shard folder is listed instead
			}
			long low = chunk[offset + EntrySegment.LOW];
			if (nowMillis >= expiry) {
				String stem = EntryBits.isHashed(meta) ? IndexKeys.hashedHex(high, low) : IndexKeys.hex(high, low);
				expired.add(IndexedEntry.of(names[folderId], stem, EntryBits.size(meta), expiry));
				continue;
			}
			long[] to = this.chunks[kept >>> EntrySegment.CHUNK_SHIFT];
			int toOffset = (kept & (EntrySegment.CHUNK_ENTRIES - 1)) * EntrySegment.STRIDE;
			to[toOffset + EntrySegment.HIGH] = high;
			to[toOffset + EntrySegment.LOW] = low;
			to[toOffset + EntrySegment.META] = EntryBits.withVersion(meta, IndexedEntry.versionOf(firstVersion + position));
			to[toOffset + EntrySegment.EXPIRY] = expiry;
			to[toOffset + EntrySegment.RANK] = DiskIndex.startRank(expiry);
			kept++;
		}
		return new SegmentImage(this.chunks, kept);
	}

	/** The bytes the entries' files hold. */
	long totalBytes() {
		long bytes = 0;
		for (int position = 0; position < this.size; position++) {
			long[] chunk = this.chunks[position >>> EntrySegment.CHUNK_SHIFT];
			bytes += EntryBits.size(chunk[(position & (EntrySegment.CHUNK_ENTRIES - 1)) * EntrySegment.STRIDE
					+ EntrySegment.META]);
		}
		return bytes;
	}

}
