package dev.cachet.backend.disk;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the index knows about one entry file: a value, rebuilt from the compact index on each
 * lookup. Each write gets a new {@code version}, so comparing a looked-up entry with the indexed one
 * tells whether the entry was replaced since, even by a file of the same name (same expiry and size
 * within a millisecond).
 *
 * @param cacheFolder     the folder of the cache, see {@link EntryNames#cacheFolder}
 * @param stem            the key's file stem, see {@link EntryNames#stem}
 * @param size            the file's length in bytes
 * @param expiresAtMillis when the storage TTL ends
 * @param version         which write this is, {@link #VERSION_BITS} wide (wraps around)
 */
record IndexedEntry(String cacheFolder, String stem, long size, long expiresAtMillis, int version) {

	/** Width of the version: as many writes as fit in what the compact index has left of a long. */
	static final int VERSION_BITS = 17;

	private static final AtomicInteger versions = new AtomicInteger();

	/** A newly written or newly found entry, with a fresh version. */
	static IndexedEntry of(String cacheFolder, String stem, long size, long expiresAtMillis) {
		return new IndexedEntry(cacheFolder, stem, size, expiresAtMillis, nextVersion());
	}

	/** A fresh version for a write, wrapping around at {@link #VERSION_BITS}. */
	static int nextVersion() {
		return versionOf(versions.incrementAndGet());
	}

	/**
	 * Takes {@code count} fresh versions at once (the entries of a snapshot): those of
	 * {@link #versionOf versionOf(first + i)} for {@code i} below {@code count}.
	 * @return {@code first}
	 */
	static int reserveVersions(int count) {
		return versions.getAndAdd(count) + 1;
	}

	/** A version counter's value as a version, wrapped around at {@link #VERSION_BITS}. */
	static int versionOf(int counter) {
		return counter & ((1 << VERSION_BITS) - 1);
	}

	/** Index key: unique per cache and key id. */
	static String id(String cacheFolder, String stem) {
		return cacheFolder + '/' + stem;
	}

	String id() {
		return id(this.cacheFolder, this.stem);
	}

	String fileName() {
		return EntryNames.entryFile(this.stem, this.expiresAtMillis, this.size);
	}

	Path path(Path root) {
		return root.resolve(this.cacheFolder).resolve(EntryNames.shard(this.stem)).resolve(fileName());
	}

	boolean isExpiredAt(long nowMillis) {
		return nowMillis >= this.expiresAtMillis;
	}

}
