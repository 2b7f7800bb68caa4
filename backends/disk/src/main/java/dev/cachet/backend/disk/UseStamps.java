package dev.cachet.backend.disk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Marks entries used in the index and stamps their files as used, for the other processes sharing
 * the folder (see {@link SizeEviction}): at most once a second per entry, only once the folder is
 * filling up ({@link SizeEviction#isFillingUp()}), and off the read path: a hit queues the stamp, a
 * background task sets the files' times. Setting a
 * file's time is a system call that dirties its inode; with a million entries nearly every hit is
 * an entry's first use in its stamp interval, so doing it inline cost about as much as the rest of
 * the hit. A stamp is a hint: when the queue is full, it is dropped, and other processes rank the
 * entry by its older stamp.
 */
final class UseStamps {

	private static final int CAPACITY = 16_384;

	private final Path root;

	private final EntryFiles files;

	private final DiskIndex index;

	private final SizeEviction eviction;

	private final BlockingQueue<Stamp> queue = new ArrayBlockingQueue<>(CAPACITY);

	UseStamps(Path root, EntryFiles files, DiskIndex index, SizeEviction eviction) {
		this.root = root;
		this.files = files;
		this.index = index;
		this.eviction = eviction;
	}

	/** Marks an entry used at {@code millis}, queuing a stamp of its file when one is due. */
	void used(IndexedEntry entry, long millis) {
		if (this.index.touch(entry, millis) && this.eviction.isFillingUp()) {
			this.queue.offer(new Stamp(entry, millis));
		}
	}

	/** Sets the times of the files queued so far. */
	void flush() {
		List<Stamp> stamps = new ArrayList<>(this.queue.size());
		this.queue.drainTo(stamps);
		for (Stamp stamp : stamps) {
			this.files.stampQuietly(stamp.entry().path(this.root), stamp.millis());
		}
	}

	private record Stamp(IndexedEntry entry, long millis) {
	}

}
