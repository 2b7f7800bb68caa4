package dev.cachet.core.cache;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

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

	/** At most this many inputs are looked up for one read, inputs of inputs included; beyond, a miss. */
	private static final int MAX_LOOKUPS = 100_000;

	private static final ThreadLocal<Check> CHECKS = ThreadLocal.withInitial(Check::new);

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
		Check check = CHECKS.get();
		if (check.depth >= MAX_DEPTH) {
			return false;
		}
		if (check.depth == 0) {
			check.lookups = 0;
		}
		else if (check.unchanged == null) {
			// inputs of inputs: several may share one, looked up once per read
			check.unchanged = new HashSet<>();
		}
		check.depth++;
		try {
			for (EntryInputs.Input input : inputs.inputs()) {
				if (check.unchanged != null && check.unchanged.contains(input)) {
					continue;
				}
				if (++check.lookups > MAX_LOOKUPS) {
					return false;
				}
				EntryMetadata current = caches.apply(input.cache()).inspect(CachetKey.of(input.key()), blocking);
				if (current == null || current.version() != input.version()) {
					return false;
				}
				if (check.unchanged != null) {
					check.unchanged.add(input);
				}
			}
			return true;
		}
		finally {
			if (--check.depth == 0) {
				check.unchanged = null;
			}
		}
	}

	/** The state of the check in progress on a thread: how deep, how many lookups, what was found unchanged. */
	private static final class Check {

		int depth;

		int lookups;

		/** Inputs of inputs found unchanged in this read; {@code null} until an input has inputs. */
		@Nullable Set<EntryInputs.Input> unchanged;

	}

}
