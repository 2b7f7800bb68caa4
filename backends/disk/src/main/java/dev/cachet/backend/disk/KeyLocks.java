package dev.cachet.backend.disk;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks that serialize the file and index changes of one entry id (publish, delete,
 * evict, relocate) inside this process. Reads take no lock.
 */
final class KeyLocks {

	private static final int STRIPES = 256;

	private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

	KeyLocks() {
		for (int i = 0; i < STRIPES; i++) {
			this.stripes[i] = new ReentrantLock();
		}
	}

	ReentrantLock of(String id) {
		int hash = id.hashCode();
		return this.stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
	}

}
