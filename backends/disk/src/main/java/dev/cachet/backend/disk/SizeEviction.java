package dev.cachet.backend.disk;

import java.nio.file.Path;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Keeps a folder under its max size by deleting the least recently used entries, down to
 * {@link #LOW_WATERMARK} of it so that a full tier does not rank its index on every write.
 *
 * <p>Processes sharing the folder see each other's entries through the {@link FolderJournal}, and
 * each other's use through the files' modification times, which a process stamps when it uses an
 * entry. So before deleting the entry it ranks last, eviction looks at its file's stamp: used more
 * recently elsewhere, it is ranked anew and the next one is looked at. The order is one for the
 * whole folder, and no process removes another's fresh entries except by that order.
 */
final class SizeEviction {

	private static final double LOW_WATERMARK = 0.95;

	private final Path root;

	private final DiskIndex index;

	private final EntryFiles files;

	private final long maxSizeBytes;

	private final Predicate<IndexedEntry> deleteIfCurrent;

	private final ReentrantLock lock = new ReentrantLock();

	private final LongAdder evictions = new LongAdder();

	SizeEviction(Path root, DiskIndex index, EntryFiles files, long maxSizeBytes,
			Predicate<IndexedEntry> deleteIfCurrent) {
		this.root = root;
		this.index = index;
		this.files = files;
		this.maxSizeBytes = maxSizeBytes;
		this.deleteIfCurrent = deleteIfCurrent;
	}

	/** Evicts while the folder is over its max size; returns at once when it is not. */
	void run() {
		if (this.index.totalBytes() <= this.maxSizeBytes) {
			return;
		}
		this.lock.lock();
		try {
			if (this.index.totalBytes() <= this.maxSizeBytes) {
				return; // another writer evicted meanwhile
			}
			long target = (long) (this.maxSizeBytes * LOW_WATERMARK);
			PriorityQueue<DiskIndex.Ranked> queue = this.index.leastRecentlyUsedFirst();
			while (this.index.totalBytes() > target && !queue.isEmpty()) {
				DiskIndex.Ranked next = queue.poll();
				IndexedEntry entry = next.entry();
				long stamp = this.files.stamp(entry.path(this.root));
				if (stamp > DiskIndex.millisOf(next.rank())) {
					long rank = this.index.raiseRank(entry, DiskIndex.rankOfStamp(stamp));
					if (rank != Long.MIN_VALUE) { // else replaced or removed meanwhile: not a candidate
						queue.add(new DiskIndex.Ranked(rank, entry));
					}
				}
				else if (this.deleteIfCurrent.test(entry) && stamp >= 0) {
					this.evictions.increment();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether the folder is over half its max size. Below, no process evicts soon, so uses need not
	 * be stamped on the files for them: an entry used again once the folder fills up is stamped then.
	 */
	boolean isFillingUp() {
		return this.index.totalBytes() > this.maxSizeBytes / 2;
	}

	/** Entries evicted to keep the folder under its max size. */
	long evictions() {
		return this.evictions.sum();
	}

}
