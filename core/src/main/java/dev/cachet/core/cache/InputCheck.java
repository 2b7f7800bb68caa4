package dev.cachet.core.cache;

import java.util.function.Function;

import dev.cachet.core.envelope.EntryInputs;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.key.CachetKey;

/**
 * Whether the cached results an entry was computed from are unchanged: each input's address must
 * still hold an entry that may be served (its code unchanged, its own inputs unchanged, checked in
 * turn) and that is the very write the computation read. An evicted, cleared or overwritten input, or
 * one this instance cannot see, makes the entry a miss: when unsure, miss.
 *
 * <p>Inputs are looked up as a read of application code would, nearest tier first, and copied into
 * nearer tiers when found farther, so the next check is a memory lookup. Nothing is counted. Their
 * freshness is not checked here: the entry recorded when the first of them expired.
 */
final class InputCheck {

	/** Inputs of inputs are checked up to this depth; deeper lineage is a miss. */
	private static final int MAX_DEPTH = 16;

	private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

	private final Function<String, TieredCache> caches;

	/** @param caches the cache of a name, created if needed */
	InputCheck(Function<String, TieredCache> caches) {
		this.caches = caches;
	}

	/**
	 * Whether every input is unchanged.
	 * @param blocking whether tiers that block may be asked; without, an input not held as an object
	 * in this JVM counts as changed
	 */
	boolean unchanged(EntryInputs inputs, boolean blocking) {
		int[] depth = DEPTH.get();
		if (depth[0] >= MAX_DEPTH) {
			return false;
		}
		depth[0]++;
		try {
			for (EntryInputs.Input input : inputs.inputs()) {
				EntryMetadata current = caches.apply(input.cache()).inspect(CachetKey.of(input.key()), blocking);
				if (current == null || current.version() != input.version()) {
					return false;
				}
			}
			return true;
		}
		finally {
			depth[0]--;
		}
	}

}
