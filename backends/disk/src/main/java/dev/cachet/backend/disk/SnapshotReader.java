package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@link SnapshotFile index snapshot} at start-up, never trusting it blindly: a missing,
 * truncated, corrupt (checksum) or foreign-version file is no snapshot, and an entry is loaded only
 * if its shard folder still has the modification time stamped in the snapshot (see
 * {@link #describes}); the other shards are listed as without a snapshot. The whole file is read
 * and checked at {@link #open}, so a snapshot another process renames into place meanwhile does not
 * mix with this one.
 */
final class SnapshotReader {

	private static final Logger logger = LoggerFactory.getLogger(SnapshotReader.class);

	private static final int STAMP_BYTES = IndexKeys.HEX_LENGTH + 2 + Long.BYTES;

	/** The fields of a named entry, its stem aside: no entry is smaller. */
	private static final int SMALLEST_NAMED = Integer.BYTES + 1 + 2 * Long.BYTES;

	private static final int ENTRY_BYTES = EntrySegment.STRIDE * Long.BYTES;

	private final String[] cacheFolders;

	private final String[] shardNames;

	private final long[] modifiedNanos;

	private final boolean[] current;

	private final Map<String, Integer> stampIds = new HashMap<>();

	private final EntryTable.Image image;

	private final List<Named> named;

	private SnapshotReader(SnapshotInput in) throws IOException {
		int stamps = count(in, STAMP_BYTES, Integer.MAX_VALUE);
		this.cacheFolders = new String[stamps];
		this.shardNames = new String[stamps];
		this.modifiedNanos = new long[stamps];
		this.current = new boolean[stamps];
		for (int stamp = 0; stamp < stamps; stamp++) {
			this.cacheFolders[stamp] = cacheFolder(in);
			this.shardNames[stamp] = in.readAscii(2);
			this.modifiedNanos[stamp] = in.readLong();
			this.stampIds.put(this.cacheFolders[stamp] + '/' + this.shardNames[stamp], stamp);
		}
		this.image = readImage(in);
		int namedCount = count(in, SMALLEST_NAMED, Integer.MAX_VALUE);
		this.named = new ArrayList<>(namedCount);
		for (int i = 0; i < namedCount; i++) {
			int stamp = in.readInt();
			String stem = in.readAscii(in.readByte() & 0xFF);
			this.named.add(new Named(stamp, stem, in.readLong(), in.readLong()));
		}
		in.finish();
	}

	/** The compact table's cache folders and segments: entries read in one piece, then tables. */
	private static EntryTable.Image readImage(SnapshotInput in) throws IOException {
		String[] folders = new String[count(in, IndexKeys.HEX_LENGTH, CacheFolderIds.MAX_IDS)];
		for (int id = 0; id < folders.length; id++) {
			folders[id] = cacheFolder(in);
		}
		int[] sizes = new int[EntryTable.SEGMENTS];
		for (int i = 0; i < sizes.length; i++) {
			sizes[i] = count(in, ENTRY_BYTES, SegmentImage.MAX_SHARED);
		}
		if (Arrays.stream(sizes).asLongStream().sum() > Math.min(SegmentImage.MAX_SHARED, in.left() / ENTRY_BYTES)) {
			throw new IOException("too many entries");
		}
		SegmentImage[] segments = SegmentImage.shared(sizes);
		long[] longs = segments[0].longs();
		in.readLongs(longs, 0, longs.length);
		for (int i = 0; i < segments.length; i++) {
			int slots = count(in, Integer.BYTES, Integer.MAX_VALUE);
			if (!EntrySegment.isTableFor(slots, sizes[i])) {
				throw new IOException("bad table length " + slots);
			}
			int[] table = new int[slots];
			in.readInts(table);
			segments[i] = segments[i].withTable(table);
		}
		return new EntryTable.Image(folders, segments);
	}

	/** The snapshot in the folder, or {@code null} when there is none or it is unusable (then logged). */
	static @Nullable SnapshotReader open(Path root) {
		Path file = root.resolve(SnapshotFile.NAME);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			SnapshotInput in = new SnapshotInput(channel);
			if (in.readLong() != SnapshotFile.MAGIC || in.readInt() != SnapshotFile.VERSION
					|| in.readInt() != EntryTable.SEGMENTS) {
				throw new IOException("not a snapshot of this version");
			}
			return new SnapshotReader(in);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException | RuntimeException ex) {
			logger.info("Cachet disk tier ignores its index snapshot {} ({}); listing the folder", file,
					ex.toString());
			return null;
		}
	}

	/**
	 * Whether the snapshot describes a shard folder as it is now: it was stamped and its modification
	 * time has not changed since. Its entries are then loaded by {@link #loadInto}.
	 */
	boolean describes(ShardFolders.Shard shard) {
		Integer stamp = this.stampIds.get(shard.id());
		if (stamp == null || this.modifiedNanos[stamp] != shard.modifiedNanos()) {
			return false;
		}
		this.current[stamp] = true;
		return true;
	}

	/**
	 * Loads the entries of the shards {@link #describes} accepted into an index that holds none yet,
	 * deleting the files of those that expired meanwhile.
	 * @return how many expired files were deleted
	 * @throws IOException if the snapshot's entries are out of range (then the index is left empty)
	 */
	long loadInto(DiskIndex index, EntryFiles files, Path root, long nowMillis) throws IOException {
		String[] folders = this.image.folders();
		boolean[] currentShards = currentHexShards(folders);
		List<IndexedEntry> expired = new ArrayList<>();
		SegmentImage[] kept = new SegmentImage[EntryTable.SEGMENTS];
		for (int i = 0; i < kept.length; i++) {
			kept[i] = this.image.segments()[i].keep(currentShards, folders, nowMillis, expired);
		}
		List<IndexedEntry> named = new ArrayList<>();
		for (Named entry : this.named) {
			if (entry.stamp() < 0 || entry.stamp() >= this.current.length) {
				throw new IOException("bad stamp " + entry.stamp());
			}
			if (this.current[entry.stamp()]) {
				(entry.expiresAtMillis() <= nowMillis ? expired : named).add(entry(entry));
			}
		}
		index.install(new EntryTable.Image(folders, kept));
		for (IndexedEntry entry : named) {
			index.putIfMoreRecent(entry, DiskIndex.startRank(entry.expiresAtMillis()));
		}
		long deleted = 0;
		for (IndexedEntry entry : expired) {
			deleted += files.deleteQuietly(entry.path(root)) ? 1 : 0;
		}
		return deleted;
	}

	/** Per cache folder id of the image, 256 flags: whether the shard folder of that hex byte is described. */
	private boolean[] currentHexShards(String[] folders) throws IOException {
		Map<String, Integer> ids = new HashMap<>();
		for (int id = 0; id < folders.length; id++) {
			if (ids.put(folders[id], id) != null) {
				throw new IOException("cache folder named twice");
			}
		}
		boolean[] current = new boolean[folders.length << Byte.SIZE];
		for (int stamp = 0; stamp < this.current.length; stamp++) {
			Integer id = ids.get(this.cacheFolders[stamp]);
			int hexShard = SnapshotFile.hexShard(this.shardNames[stamp]);
			if (this.current[stamp] && id != null && hexShard >= 0) {
				current[(id << Byte.SIZE) | hexShard] = true;
			}
		}
		return current;
	}

	/** A named entry of a shard, checked against the naming scheme. */
	private IndexedEntry entry(Named named) throws IOException {
		String fileName = EntryNames.entryFile(named.stem(), named.expiresAtMillis(), named.size());
		if (EntryNames.parseEntryFile(fileName) == null
				|| !EntryNames.shard(named.stem()).equals(this.shardNames[named.stamp()])) {
			throw new IOException("entry out of the naming scheme");
		}
		return IndexedEntry.of(this.cacheFolders[named.stamp()], named.stem(), named.size(), named.expiresAtMillis());
	}

	/** A count of items of at least {@code bytes} each, checked against what the file has left. */
	private static int count(SnapshotInput in, int bytes, int max) throws IOException {
		int count = in.readInt();
		if (count < 0 || count > max || count > in.left() / bytes) {
			throw new IOException("bad count " + count);
		}
		return count;
	}

	private static String cacheFolder(SnapshotInput in) throws IOException {
		String name = in.readAscii(IndexKeys.HEX_LENGTH);
		if (!EntryNames.isCacheFolder(name)) {
			throw new IOException("bad cache folder name");
		}
		return name;
	}

	/** An entry whose stem is not 32 hex digits, as read. */
	private record Named(int stamp, String stem, long expiresAtMillis, long size) {
	}

}
