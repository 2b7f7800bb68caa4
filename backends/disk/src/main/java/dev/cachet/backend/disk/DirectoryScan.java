package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the index from the files of a disk tier folder at start-up, from directory listings
 * alone: the names hold expiry and size, so no entry file is opened or even {@code stat}ed. Shard
 * folders are scanned in parallel.
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

	/** Scans the folder into the index. */
	Result run() throws IOException {
		List<Path> shards = new ArrayList<>();
		try (DirectoryStream<Path> children = Files.newDirectoryStream(this.root)) {
			for (Path child : children) {
				String name = child.getFileName().toString();
				if (EntryNames.isTempFile(name)) {
					deleteTemp(child);
				}
				else if (EntryNames.isCacheFolder(name) && isDirectory(child)) {
					addShards(child, shards);
				}
			}
		}
		shards.parallelStream().forEach(this::scanShard);
		return new Result(this.index.size(), this.tempFilesDeleted.sum(), this.expiredDeleted.sum(),
				this.duplicatesDeleted.sum());
	}

	private void addShards(Path cacheFolder, List<Path> shards) {
		try (DirectoryStream<Path> children = Files.newDirectoryStream(cacheFolder)) {
			for (Path child : children) {
				if (child.getFileName().toString().length() == 2 && isDirectory(child)) {
					shards.add(child);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Cachet disk tier cannot list {}; its entries will be misses", cacheFolder, ex);
		}
	}

	private void scanShard(Path shard) {
		String shardName = shard.getFileName().toString();
		String cacheFolder = shard.getParent().getFileName().toString();
		try (DirectoryStream<Path> children = Files.newDirectoryStream(shard)) {
			for (Path child : children) {
				String name = child.getFileName().toString();
				if (EntryNames.isTempFile(name)) {
					deleteTemp(child);
					continue;
				}
				EntryNames.EntryName entryName = EntryNames.parseEntryFile(name);
				if (entryName != null && EntryNames.shard(entryName.stem()).equals(shardName)) {
					addEntry(cacheFolder, entryName, child);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Cachet disk tier cannot list {}; its entries will be misses", shard, ex);
		}
	}

	private void addEntry(String cacheFolder, EntryNames.EntryName entryName, Path file) {
		if (this.nowMillis >= entryName.expiresAtMillis()) {
			if (this.files.deleteQuietly(file)) {
				this.expiredDeleted.increment();
			}
			return;
		}
		IndexedEntry entry = new IndexedEntry(cacheFolder, entryName.stem(), file.getFileName().toString(),
				entryName.size(), entryName.expiresAtMillis(), DiskIndex.startRank(entryName.expiresAtMillis()));
		IndexedEntry stale = this.index.putIfMoreRecent(entry);
		if (stale != null && this.files.deleteQuietly(stale.path(this.root))) {
			this.duplicatesDeleted.increment();
		}
	}

	private void deleteTemp(Path file) {
		if (this.files.deleteQuietly(file)) {
			this.tempFilesDeleted.increment();
		}
	}

	private static boolean isDirectory(Path path) {
		return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
	}

	/** What a scan found and cleaned. */
	record Result(int entries, long tempFilesDeleted, long expiredDeleted, long duplicatesDeleted) {
	}

}
