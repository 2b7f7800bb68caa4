package dev.cachet.backend.disk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Stamps entry files as used, for the other processes sharing the folder (see {@link SizeEviction}),
 * off the read path: a hit queues the stamp, a background task sets the files' times. Setting a
 * file's time is a system call that dirties its inode; with a million entries nearly every hit is
 * an entry's first use in its stamp interval, so doing it inline cost about as much as the rest of
 * the hit. A stamp is a hint: when the queue is full, it is dropped, and other processes rank the
 * entry by its older stamp.
 */
final class UseStamps {

	private static final int CAPACITY = 16_384;

	private final Path root;

	private final EntryFiles files;

	private final BlockingQueue<Stamp> queue = new ArrayBlockingQueue<>(CAPACITY);

	UseStamps(Path root, EntryFiles files) {
		this.root = root;
		this.files = files;
	}

	/** Queues a stamp of the entry's file at {@code millis}. */
	void add(IndexedEntry entry, long millis) {
		this.queue.offer(new Stamp(entry, millis));
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
