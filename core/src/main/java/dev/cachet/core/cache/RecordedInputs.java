package dev.cachet.core.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryInputs;
import dev.cachet.core.envelope.EntryMetadata;

/**
 * The cached results one computation read, each once: the first version read of an address is
 * kept (if a later read found another, the first no longer matches and the result is never
 * served), and the earliest expiry among them. Used by the computing thread only.
 */
final class RecordedInputs {

	private final Map<String, EntryInputs.Input> inputs = new LinkedHashMap<>();

	private long expiresAtMillis = Long.MAX_VALUE;

	/** Records that the computation read (or wrote, then used) {@code metadata}'s entry under {@code maxAge}. */
	void add(String cache, String key, EntryMetadata metadata, Duration maxAge) {
		inputs.putIfAbsent(EntryMetadata.address(cache, key), new EntryInputs.Input(cache, key, metadata.version()));
		expiresAtMillis = Math.min(expiresAtMillis, metadata.expiresAtMillis(maxAge));
	}

	/** What the result records, or {@code null} when it read more entries than an envelope can record. */
	@Nullable EntryInputs toInputs() {
		if (inputs.size() > EntryInputs.MAX_INPUTS) {
			return null;
		}
		return inputs.isEmpty() && expiresAtMillis == Long.MAX_VALUE ? EntryInputs.NONE
				: new EntryInputs(new ArrayList<>(inputs.values()), expiresAtMillis);
	}

}
