package dev.cachet.backend.disk;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the index from the files of a disk tier folder (at start-up, every shard folder the
 * {@link SnapshotReader index snapshot} does not describe), from directory listings alone: the
 * names hold expiry and size, so no entry file is opened or even {@code stat}ed. Shard folders are
 * scanned in parallel, names parsed by hand (see {@link EntryNames}).
 *
 * <p>Files outside the naming scheme are left alone. Cachet's own temporary files (writes a crash
 * interrupted) and expired entries are deleted. When a crash left two files for one key, the one
 * expiring last wins and the other is deleted.
 */
final class DirectoryScan {

	private static final Logger logger = LoggerFactory.getLogger(DirectoryScan.class);

	private final Path root;

	private final DiskIndex index;

	private final EntryFiles files;

	private final long nowMillis;

	private final LongAdder tempFilesDeleted = new LongAdder();

	private final LongAdder expiredDeleted = new LongAdder();

	private final LongAdder duplicatesDeleted = new LongAdder();

	DirectoryScan(Path root, DiskIndex index, EntryFiles files, long nowMillis) {
		this.root = root;
		this.index = index;
		this.files = files;
		this.nowMillis = nowMillis;
	}

	/** Scans the whole folder into the index. */
	Result run() throws IOException {
		return run(listShards());
	}

	/**
	 * The shard folders, deleting the temporary files (writes a crash interrupted) beside them.
	 * @throws IOException if the folder cannot be listed
	 */
	List<ShardFolders.Shard> listShards() throws IOException {
		return ShardFolders.list(this.root, (child) -> {
			if (EntryNames.isTempFile(child.getFileName().toString())) {
				deleteTemp(child);
			}
		});
	}

	/** Scans shard folders into the index (at start-up, those a snapshot of the index does not describe). */
	Result run(List<ShardFolders.Shard> shards) {
		shards.parallelStream().forEach((shard) -> scanShard(shard.path()));
		return new Result(this.index.size(), shards.size(), this.tempFilesDeleted.sum(), this.expiredDeleted.sum(),
				this.duplicatesDeleted.sum());
	}

	private void scanShard(Path shard) {
		String shardName = shard.getFileName().toString();
		String cacheFolder = shard.getParent().getFileName().toString();
		String[] names = listNames(shard);
		if (names == null) {
			logger.warn("Cachet disk tier cannot list {}; its entries will be misses", shard);
			return;
		}
		for (String name : names) {
			if (name.charAt(0) == '.') {
				if (EntryNames.isTempFile(name)) {
					deleteTemp(shard.resolve(name));
				}
				continue;
			}
			EntryNames.EntryName entryName = EntryNames.parseEntryFile(name);
			if (entryName != null && inShard(entryName.stem(), shardName)) {
				addEntry(cacheFolder, entryName, shard);
			}
		}
	}

	/**
	 * The names in a folder, or {@code null} if it cannot be listed. {@link File#list()} rather than
	 * a directory stream on the default file system: it makes no {@code Path} per file.
	 */
	private static String @Nullable [] listNames(Path folder) {
		if (folder.getFileSystem() == FileSystems.getDefault()) {
			return folder.toFile().list();
		}
		List<String> names = new ArrayList<>();
		try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
			for (Path child : children) {
				names.add(child.getFileName().toString());
			}
		}
		catch (IOException ex) {
			return null;
		}
		return names.toArray(String[]::new);
	}

	private static boolean inShard(String stem, String shardName) {
		return stem.regionMatches(EntryNames.isHashedStem(stem) ? 1 : 0, shardName, 0, 2);
	}

	private void addEntry(String cacheFolder, EntryNames.EntryName entryName, Path shard) {
		if (this.nowMillis >= entryName.expiresAtMillis()) {
			if (this.files.deleteQuietly(shard.resolve(
					EntryNames.entryFile(entryName.stem(), entryName.expiresAtMillis(), entryName.size())))) {
				this.expiredDeleted.increment();
			}
			return;
		}
		IndexedEntry entry = IndexedEntry.of(cacheFolder, entryName.stem(), entryName.size(),
				entryName.expiresAtMillis());
		IndexedEntry stale = this.index.putIfMoreRecent(entry, DiskIndex.startRank(entryName.expiresAtMillis()));
		// A rescan finds the files it indexed before: the same file is no duplicate of itself.
		IndexedEntry kept = (stale != null) ? this.index.get(cacheFolder, entryName.stem()) : null;
		if (stale != null && (kept == null || !kept.fileName().equals(stale.fileName()))
				&& this.files.deleteQuietly(stale.path(this.root))) {
			this.duplicatesDeleted.increment();
		}
	}

	private void deleteTemp(Path file) {
		if (this.files.deleteQuietly(file)) {
			this.tempFilesDeleted.increment();
		}
	}

	/** What a scan found and cleaned. */
	record Result(int entries, int shardsScanned, long tempFilesDeleted, long expiredDeleted, long duplicatesDeleted) {
	}

}
