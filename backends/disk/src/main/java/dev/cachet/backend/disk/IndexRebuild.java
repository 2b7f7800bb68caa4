package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the index from the folder: from the {@link SnapshotReader index snapshot} for the shard
 * folders it still describes, by listing the others ({@link DirectoryScan}). Without a usable
 * snapshot, that is every shard folder. The snapshot is loaded first, into the empty index, as it
 * is loaded whole (see {@link SegmentImage}).
 */
final class IndexRebuild {

	private static final Logger logger = LoggerFactory.getLogger(IndexRebuild.class);

	private final Path root;

	private final DiskIndex index;

	private final EntryFiles files;

	IndexRebuild(Path root, DiskIndex index, EntryFiles files) {
		this.root = root;
		this.index = index;
		this.files = files;
	}

	/**
	 * Fills the index, from the snapshot where it still holds when {@code useSnapshot}; else (what
	 * the index knows is in doubt) by listing every shard folder.
	 * @throws IOException if the folder cannot be listed
	 */
	void run(boolean useSnapshot, long nowMillis) throws IOException {
		long start = System.nanoTime();
		SnapshotReader snapshot = useSnapshot ? SnapshotReader.open(this.root) : null;
		if (snapshot == null) {
			log(scan(nowMillis).run(), 0, start);
			return;
		}
		DirectoryScan scan = scan(nowMillis);
		List<ShardFolders.Shard> changed = scan.listShards()
			.stream()
			.filter((shard) -> !snapshot.describes(shard))
			.toList();
		long expired;
		try {
			expired = snapshot.loadInto(this.index, this.files, this.root, nowMillis);
		}
		catch (IOException ex) {
			logger.warn("Cachet disk tier found its index snapshot in {} malformed ({}); listing the folder",
					this.root, ex.toString());
			log(scan.run(), 0, start);
			return;
		}
		log(scan.run(changed), expired, start);
	}

	private DirectoryScan scan(long nowMillis) {
		return new DirectoryScan(this.root, this.index, this.files, nowMillis);
	}

	private void log(DirectoryScan.Result result, long expiredInSnapshot, long startNanos) {
		logger.debug("Cachet disk tier indexed {} entries in {} ms under {}, listing {} shard folders (deleted {} "
				+ "temporary, {} expired, {} duplicate files)", this.index.size(),
				(System.nanoTime() - startNanos) / 1_000_000, this.root, result.shardsScanned(),
				result.tempFilesDeleted(), result.expiredDeleted() + expiredInSnapshot, result.duplicatesDeleted());
	}

}
