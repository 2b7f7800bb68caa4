package dev.cachet.backend.disk;

import java.nio.file.Path;

/**
 * What the in-memory index knows about one entry file. Each write creates a new instance, so
 * comparing instances tells whether an entry was replaced since it was looked up.
 */
final class IndexedEntry {

	private final String cacheFolder;

	private final String stem;

	private final String fileName;

	private final long size;

	private final long expiresAtMillis;

	/** A {@link DiskIndex} rank; larger is more recent. */
	private volatile long lastAccess;

	/** When this process last stamped the file's modification time, so that others see its use. */
	private volatile long stampedMillis;

	IndexedEntry(String cacheFolder, String stem, String fileName, long size, long expiresAtMillis,
			long lastAccess) {
		this.cacheFolder = cacheFolder;
		this.stem = stem;
		this.fileName = fileName;
		this.size = size;
		this.expiresAtMillis = expiresAtMillis;
		this.lastAccess = lastAccess;
	}

	/** Index key: unique per cache and key id. */
	static String id(String cacheFolder, String stem) {
		return cacheFolder + '/' + stem;
	}

	String id() {
		return id(this.cacheFolder, this.stem);
	}

	String cacheFolder() {
		return this.cacheFolder;
	}

	String stem() {
		return this.stem;
	}

	String fileName() {
		return this.fileName;
	}

	Path path(Path root) {
		return root.resolve(this.cacheFolder).resolve(EntryNames.shard(this.stem)).resolve(this.fileName);
	}

	long size() {
		return this.size;
	}

	long expiresAtMillis() {
		return this.expiresAtMillis;
	}

	boolean isExpiredAt(long nowMillis) {
		return nowMillis >= this.expiresAtMillis;
	}

	long lastAccess() {
		return this.lastAccess;
	}

	void accessedAt(long rank) {
		this.lastAccess = rank;
	}

	long stampedMillis() {
		return this.stampedMillis;
	}

	void stampedAt(long millis) {
		this.stampedMillis = millis;
	}

}
