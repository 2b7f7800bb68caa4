package dev.cachet.core.envelope;

import java.util.List;

/**
 * The cached results an entry was computed from (its lineage), recorded while it was computed: an
 * entry is served only while each of them is still the entry at its address, and never after the
 * earliest of them expired.
 *
 * @param inputs          the entries read, each once, in the order first read
 * @param expiresAtMillis when the first of them expired (epoch millis); {@link Long#MAX_VALUE} when none does
 */
public record EntryInputs(List<Input> inputs, long expiresAtMillis) {

	/** The most inputs an entry records; a result computed from more is not stored. */
	public static final int MAX_INPUTS = 10_000;

	/** No inputs: an entry computed without reading other cached results. */
	public static final EntryInputs NONE = new EntryInputs(List.of(), Long.MAX_VALUE);

	public EntryInputs {
		inputs = List.copyOf(inputs);
	}

	/** Whether the entry was computed from no cached result. */
	public boolean isEmpty() {
		return inputs.isEmpty();
	}

	/**
	 * One cached result read: where it lives and which write of it was read.
	 *
	 * @param cache   the cache name
	 * @param key     the key id
	 * @param version the version of the entry read ({@link EntryMetadata#version()})
	 */
	public record Input(String cache, String key, long version) {
	}

}
