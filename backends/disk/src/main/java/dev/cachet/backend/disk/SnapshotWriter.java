package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@link SnapshotFile index snapshot}: the shard folders' times are read first, then the
 * entries, so that any change to a folder after its time was read shows as a different time at the
 * next start. The file is written aside and renamed into place: a process killed mid-write leaves a
 * temporary file (deleted at the next start) and the previous snapshot, still checked shard by
 * shard against the folders.
 */
final class SnapshotWriter {

	private static final Logger logger = LoggerFactory.getLogger(SnapshotWriter.class);

	private final Path root;

	private final DiskIndex index;

	private final EntryFiles files;

	SnapshotWriter(Path root, DiskIndex index, EntryFiles files) {
		this.root = root;
		this.index = index;
		this.files = files;
	}

	/**
	 * Writes the snapshot. A failure (a full disk, a vanished folder) is logged and leaves the
	 * previous snapshot, which start-up still checks against the folders.
	 * @return whether it was written
	 */
	boolean write() {
		long start = System.nanoTime();
		try {
			List<ShardFolders.Shard> stamped = stamped(ShardFolders.list(this.root, (child) -> {
			}), System.currentTimeMillis() - SnapshotFile.RACY_MILLIS);
			EntryTable.Image image = this.index.image();
			List<IndexedEntry> named = this.index.namedEntries();
			Path temp = this.files.writeTemp(this.root, (channel) -> {
				SnapshotOutput out = new SnapshotOutput(channel);
				writeHeader(out, stamped);
				writeImage(out, image);
				writeNamed(out, stamped, named);
				out.finish();
			});
			this.files.publish(temp, this.root.resolve(SnapshotFile.NAME));
			logger.debug("Cachet disk tier wrote its index snapshot of {} entries in {} ms", this.index.size(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Cachet disk tier could not write its index snapshot in {} ({}); the next start lists the "
					+ "folder instead", this.root, ex.toString());
			return false;
		}
	}

	/** The shards last changed before {@code changedBeforeMillis}: those whose time the snapshot can vouch for. */
	private static List<ShardFolders.Shard> stamped(List<ShardFolders.Shard> listed, long changedBeforeMillis) {
		return listed.stream()
			.filter((shard) -> TimeUnit.NANOSECONDS.toMillis(shard.modifiedNanos()) < changedBeforeMillis)
			.toList();
	}

	private static void writeHeader(SnapshotOutput out, List<ShardFolders.Shard> stamped) throws IOException {
		out.writeLong(SnapshotFile.MAGIC);
		out.writeInt(SnapshotFile.VERSION);
		out.writeInt(EntryTable.SEGMENTS);
		out.writeInt(stamped.size());
		for (ShardFolders.Shard shard : stamped) {
			out.writeAscii(shard.cacheFolder());
			out.writeAscii(shard.name());
			out.writeLong(shard.modifiedNanos());
		}
	}

	private static void writeImage(SnapshotOutput out, EntryTable.Image image) throws IOException {
		out.writeInt(image.folders().length);
		for (String folder : image.folders()) {
			out.writeAscii(folder);
		}
		for (SegmentImage segment : image.segments()) {
			out.writeInt(segment.size());
		}
		for (SegmentImage segment : image.segments()) {
			out.writeLongs(segment.longs(), segment.base(), segment.size() * EntrySegment.STRIDE);
		}
		for (SegmentImage segment : image.segments()) {
			int[] table = Objects.requireNonNull(segment.table());
			out.writeInt(table.length);
			out.writeInts(table);
		}
	}

	/** The entries of other stems, each with its stamp; those of unstamped shards are left out. */
	private static void writeNamed(SnapshotOutput out, List<ShardFolders.Shard> stamped, List<IndexedEntry> named)
			throws IOException {
		Map<String, Integer> stamps = new HashMap<>();
		for (int stamp = 0; stamp < stamped.size(); stamp++) {
			stamps.put(stamped.get(stamp).id(), stamp);
		}
		List<IndexedEntry> kept = new ArrayList<>();
		List<Integer> keptStamps = new ArrayList<>();
		for (IndexedEntry entry : named) {
			Integer stamp = stamps.get(entry.cacheFolder() + '/' + EntryNames.shard(entry.stem()));
			if (stamp != null) {
				kept.add(entry);
				keptStamps.add(stamp);
			}
		}
		out.writeInt(kept.size());
		for (int i = 0; i < kept.size(); i++) {
			IndexedEntry entry = kept.get(i);
			out.writeInt(keptStamps.get(i));
			out.writeByte(entry.stem().length());
			out.writeAscii(entry.stem());
			out.writeLong(entry.expiresAtMillis());
			out.writeLong(entry.size());
		}
	}

}
