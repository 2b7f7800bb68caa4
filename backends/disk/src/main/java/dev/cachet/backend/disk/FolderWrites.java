package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change this process makes to the entry files of the shared folder, and the journal record
 * that tells the other processes: publishing a key's file (which replaces every file of the key,
 * whoever wrote it), deleting one, evicting a key, clearing a cache. Also finds the file that
 * replaced one another process deleted.
 */
final class FolderWrites {

	private static final Logger logger = LoggerFactory.getLogger(FolderWrites.class);

	private final Path root;

	private final DiskIndex index;

	private final KeyLocks locks;

	private final EntryFiles files;

	private final FolderJournal journal;

	private final Clock clock;

	FolderWrites(Path root, DiskIndex index, KeyLocks locks, EntryFiles files, FolderJournal journal, Clock clock) {
		this.root = root;
		this.index = index;
		this.locks = locks;
		this.files = files;
		this.journal = journal;
		this.clock = clock;
	}

	/**
	 * Publishes a written temporary file as the key's entry file, replacing the file this process
	 * indexed for the key and any another process wrote.
	 */
	void publish(IndexedEntry entry, Path temp, long nowMillis) throws IOException {
		ReentrantLock lock = this.locks.of(entry.id());
		lock.lock();
		try {
			Path file = entry.path(this.root);
			this.files.publish(temp, file);
			this.files.stampQuietly(file, nowMillis); // in this tier's clock, which ranks are compared in
			this.index.put(entry, this.index.rank(nowMillis));
			// told first, so that no process reading the journal forgets the key in between
			tellOthers(new JournalRecord.Published(entry.cacheFolder(), entry.fileName()));
			deleteFilesOfStem(entry.cacheFolder(), file.getParent(), entry.stem(), entry.fileName());
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Removes an entry from the index and deletes its file, unless a write replaced it since it was
	 * looked up (the newer entry must survive).
	 * @return whether this call removed it
	 */
	boolean deleteIfCurrent(IndexedEntry entry) {
		ReentrantLock lock = this.locks.of(entry.id());
		lock.lock();
		try {
			if (!this.index.remove(entry)) {
				return false;
			}
			if (this.files.deleteQuietly(entry.path(this.root))) {
				tellOthers(new JournalRecord.Deleted(entry.cacheFolder(), entry.fileName()));
			}
			return true;
		}
		finally {
			lock.unlock();
		}
	}

	/** Deletes the key's entry, including files other processes sharing the folder wrote for it. */
	void evict(String cache, String key) {
		String cacheFolder = EntryNames.cacheFolder(cache);
		String stem = EntryNames.stem(key);
		ReentrantLock lock = this.locks.of(IndexedEntry.id(cacheFolder, stem));
		lock.lock();
		try {
			IndexedEntry entry = this.index.get(cacheFolder, stem);
			if (entry != null) {
				deleteIfCurrent(entry);
			}
			deleteFilesOfStem(cacheFolder, this.root.resolve(cacheFolder).resolve(EntryNames.shard(stem)), stem, "");
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Deletes every entry of a cache, including entry files this instance did not index (written by
	 * another process). Other files in the folder are left alone.
	 */
	void clear(String cache) throws IOException {
		String cacheFolder = EntryNames.cacheFolder(cache);
		for (IndexedEntry entry : this.index.entriesOf(cacheFolder)) {
			deleteIfCurrent(entry);
		}
		Path folder = this.root.resolve(cacheFolder);
		if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		tellOthers(new JournalRecord.Cleared(cacheFolder));
		try (DirectoryStream<Path> shards = Files.newDirectoryStream(folder)) {
			for (Path shard : shards) {
				if (Files.isDirectory(shard, LinkOption.NOFOLLOW_LINKS)) {
					deleteUnindexedEntryFiles(cacheFolder, shard);
				}
			}
		}
	}

	private void deleteUnindexedEntryFiles(String cacheFolder, Path shard) throws IOException {
		try (DirectoryStream<Path> children = Files.newDirectoryStream(shard)) {
			for (Path child : children) {
				EntryNames.EntryName name = EntryNames.parseEntryFile(child.getFileName().toString());
				if (name == null) {
					continue;
				}
				String id = IndexedEntry.id(cacheFolder, name.stem());
				ReentrantLock lock = this.locks.of(id);
				lock.lock();
				try {
					// A put that ran since the first pass indexed its file: keep it.
					IndexedEntry current = this.index.get(cacheFolder, name.stem());
					if (current == null || !current.fileName().equals(child.getFileName().toString())) {
						this.files.deleteQuietly(child);
					}
				}
				finally {
					lock.unlock();
				}
			}
		}
	}

	/**
	 * The entry that replaced {@code missing}, whose file is gone: the only live file of its key that
	 * another process wrote, now indexed; {@code null} (and the key forgotten) when there is none or
	 * more than one.
	 */
	@Nullable IndexedEntry relocate(IndexedEntry missing) {
		ReentrantLock lock = this.locks.of(missing.id());
		lock.lock();
		try {
			IndexedEntry current = this.index.get(missing.cacheFolder(), missing.stem());
			if (current != null && !current.equals(missing)) {
				return current;
			}
			List<Path> candidates = this.files.filesOfStem(shardOf(missing), missing.stem());
			long now = this.clock.millis();
			if (candidates.size() != 1) {
				this.index.remove(missing);
				return null;
			}
			String fileName = candidates.get(0).getFileName().toString();
			EntryNames.EntryName name = EntryNames.parseEntryFile(fileName);
			if (name == null || now >= name.expiresAtMillis()) {
				this.index.remove(missing);
				return null;
			}
			IndexedEntry found = IndexedEntry.of(missing.cacheFolder(), missing.stem(), name.size(),
					name.expiresAtMillis());
			this.index.put(found, this.index.rank(now));
			return found;
		}
		finally {
			lock.unlock();
		}
	}

	private Path shardOf(IndexedEntry entry) {
		return entry.path(this.root).getParent();
	}

	/** Deletes the entry files of a key other than {@code keep}, telling the other processes. */
	private void deleteFilesOfStem(String cacheFolder, Path shard, String stem, String keep) {
		for (Path file : this.files.filesOfStem(shard, stem)) {
			String fileName = file.getFileName().toString();
			if (!fileName.equals(keep) && this.files.deleteQuietly(file)) {
				tellOthers(new JournalRecord.Deleted(cacheFolder, fileName));
			}
		}
	}

	private void tellOthers(JournalRecord record) {
		try {
			this.journal.append(record);
		}
		catch (IOException | RuntimeException ex) {
			// they find the file gone, or not yet indexed: a miss for them, never a wrong entry
			logger.debug("Cachet disk tier could not journal {} ({})", record.line(), ex.toString());
		}
	}

}
