package dev.cachet.backend.disk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brings this process's index up to date with what the other processes sharing the folder did:
 * the entry files they published and deleted. Their announcements go to the
 * {@link FolderInvalidationBus}.
 */
final class JournalApplier {

	private final Path root;

	private final DiskIndex index;

	private final KeyLocks locks;

	private final Clock clock;

	private final FolderInvalidationBus bus;

	JournalApplier(Path root, DiskIndex index, KeyLocks locks, Clock clock, FolderInvalidationBus bus) {
		this.root = root;
		this.index = index;
		this.locks = locks;
		this.clock = clock;
		this.bus = bus;
	}

	void apply(JournalRecord record) {
		if (record instanceof JournalRecord.Published published) {
			published(published.cacheFolder(), published.fileName());
		}
		else if (record instanceof JournalRecord.Deleted deleted) {
			deleted(deleted.cacheFolder(), deleted.fileName());
		}
		else if (record instanceof JournalRecord.Cleared cleared) {
			cleared(cleared.cacheFolder());
		}
		else {
			this.bus.received(record);
		}
	}

	/** Indexes a file another process wrote, if it is still there; it is as recent as its arrival. */
	private void published(String cacheFolder, String fileName) {
		EntryNames.EntryName name = EntryNames.parseEntryFile(fileName);
		long now = this.clock.millis();
		if (name == null || now >= name.expiresAtMillis()) {
			return;
		}
		IndexedEntry entry = IndexedEntry.of(cacheFolder, name.stem(), name.size(), name.expiresAtMillis());
		ReentrantLock lock = this.locks.of(entry.id());
		lock.lock();
		try {
			IndexedEntry current = this.index.get(cacheFolder, name.stem());
			if ((current == null || !current.fileName().equals(fileName)) && Files.exists(entry.path(this.root))) {
				this.index.put(entry, this.index.rank(now));
			}
		}
		finally {
			lock.unlock();
		}
	}

	private void deleted(String cacheFolder, String fileName) {
		EntryNames.EntryName name = EntryNames.parseEntryFile(fileName);
		if (name == null) {
			return;
		}
		forgetIfGone(this.index.get(cacheFolder, name.stem()), fileName);
	}

	private void cleared(String cacheFolder) {
		for (IndexedEntry entry : this.index.entriesOf(cacheFolder)) {
			forgetIfGone(entry, entry.fileName());
		}
	}

	/** Drops an index entry whose file another process deleted (not one this process wrote since). */
	private void forgetIfGone(IndexedEntry entry, String fileName) {
		if (entry == null || !entry.fileName().equals(fileName)) {
			return;
		}
		ReentrantLock lock = this.locks.of(entry.id());
		lock.lock();
		try {
			if (!Files.exists(entry.path(this.root))) {
				this.index.remove(entry);
			}
		}
		finally {
			lock.unlock();
		}
	}

}
