package dev.cachet.backend.disk;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The entries the {@link EntryTable} cannot hold, by id: verbatim key ids that are not 32 hex
 * digits (application keys such as {@code user-42}), and the caches past its folder id limit.
 * Rare, so a plain map of objects.
 */
final class NamedEntries {

	private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

	@Nullable IndexedEntry get(String id) {
		Slot slot = this.slots.get(id);
		return (slot != null) ? slot.entry : null;
	}

	@Nullable IndexedEntry put(IndexedEntry entry, long rank) {
		Slot previous = this.slots.put(entry.id(), new Slot(entry, rank));
		return (previous != null) ? previous.entry : null;
	}

	@Nullable IndexedEntry putIfMoreRecent(IndexedEntry entry, long rank) {
		IndexedEntry[] loser = new IndexedEntry[1];
		this.slots.compute(entry.id(), (id, current) -> {
			if (current != null && current.rank >= rank) {
				loser[0] = entry;
				return current;
			}
			loser[0] = (current != null) ? current.entry : null;
			return new Slot(entry, rank);
		});
		return loser[0];
	}

	boolean remove(IndexedEntry entry) {
		Slot slot = this.slots.get(entry.id());
		return slot != null && slot.entry.equals(entry) && this.slots.remove(entry.id(), slot);
	}

	/** See {@link EntrySegment#rank}. */
	long rank(IndexedEntry entry) {
		Slot slot = this.slots.get(entry.id());
		return (slot != null && slot.entry.equals(entry)) ? slot.rank : Long.MIN_VALUE;
	}

	/** See {@link EntrySegment#setRank}. */
	long setRank(IndexedEntry entry, long rank, boolean atLeast) {
		Slot slot = this.slots.get(entry.id());
		if (slot == null || !slot.entry.equals(entry)) {
			return Long.MIN_VALUE;
		}
		synchronized (slot) {
			long before = slot.rank;
			slot.rank = atLeast ? Math.max(before, rank) : rank;
			return before;
		}
	}

	int size() {
		return this.slots.size();
	}

	/** See {@link EntryTable#collect}. */
	void collect(@Nullable String cacheFolder, long expiredBy, List<IndexedEntry> out) {
		for (Slot slot : this.slots.values()) {
			IndexedEntry entry = slot.entry;
			if ((cacheFolder == null || entry.cacheFolder().equals(cacheFolder))
					&& entry.expiresAtMillis() <= expiredBy) {
				out.add(entry);
			}
		}
	}

	void collectRanked(List<DiskIndex.Ranked> out) {
		for (Slot slot : this.slots.values()) {
			out.add(new DiskIndex.Ranked(slot.rank, slot.entry));
		}
	}

	/** An entry and its rank, which reads move. */
	private static final class Slot {

		final IndexedEntry entry;

		volatile long rank;

		Slot(IndexedEntry entry, long rank) {
			this.entry = entry;
			this.rank = rank;
		}

	}

}
