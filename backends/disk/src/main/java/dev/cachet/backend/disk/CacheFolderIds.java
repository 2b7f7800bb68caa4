package dev.cachet.backend.disk;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Small numbers for the cache folders the index has seen, so that an entry of the compact index
 * stores its cache in a few bits rather than as a string. Ids are never reused; there are few
 * caches, and past {@link #MAX_IDS} the index keeps the extra caches' entries by name instead.
 */
final class CacheFolderIds {

	/** How many cache folders get an id: the width of the id field of {@link EntrySegment}. */
	static final int MAX_IDS = 1 << EntryBits.FOLDER_BITS;

	private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();

	private final AtomicReferenceArray<String> names = new AtomicReferenceArray<>(MAX_IDS);

	/** The id of a cache folder, assigned on first use; -1 once every id is taken. */
	int idOf(String cacheFolder) {
		Integer id = this.ids.get(cacheFolder);
		if (id != null) {
			return id;
		}
		if (this.ids.size() >= MAX_IDS) {
			return -1;
		}
		synchronized (this) {
			id = this.ids.get(cacheFolder);
			if (id == null) {
				int next = this.ids.size();
				if (next >= MAX_IDS) {
					return -1;
				}
				this.names.set(next, cacheFolder);
				id = next;
				this.ids.put(cacheFolder, id); // published after its name
			}
			return id;
		}
	}

	/** The id of a cache folder seen before, or -1 (then the index holds none of its entries by id). */
	int existingId(String cacheFolder) {
		Integer id = this.ids.get(cacheFolder);
		return (id != null) ? id : -1;
	}

	/** The names of the ids assigned so far, by id. */
	String[] names() {
		int count = 0;
		while (count < MAX_IDS && this.names.get(count) != null) {
			count++;
		}
		String[] names = new String[count];
		for (int id = 0; id < count; id++) {
			names[id] = this.names.get(id);
		}
		return names;
	}

	String name(int id) {
		return this.names.get(id);
	}

}
