package dev.cachet.core.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryInputs;
import dev.cachet.core.envelope.EntryMetadata;

/**
 * The cached results one computation read, each once: the first version read of an address is
 * kept (if a later read found another, the first no longer matches and the result is never
 * served), and the earliest expiry among them. Used by the computing thread only.
 */
final class RecordedInputs {

	/** Up to this many inputs, a read already recorded is found by scanning; beyond, through an index. */
	private static final int SCANNED = 16;

	private final List<EntryInputs.Input> inputs = new ArrayList<>(4);

	private @Nullable Set<String> addresses;

	private long expiresAtMillis = Long.MAX_VALUE;

	/** Records that the computation read (or wrote, then used) {@code metadata}'s entry under {@code maxAge}. */
	void add(String cache, String key, EntryMetadata metadata, Duration maxAge) {
		expiresAtMillis = Math.min(expiresAtMillis, metadata.expiresAtMillis(maxAge));
		if (!recorded(cache, key)) {
			inputs.add(new EntryInputs.Input(cache, key, metadata.version()));
		}
	}

	/** What the result records, or {@code null} when it read more entries than an envelope can record. */
	@Nullable EntryInputs toInputs() {
		if (inputs.size() > EntryInputs.MAX_INPUTS) {
			return null;
		}
		return inputs.isEmpty() && expiresAtMillis == Long.MAX_VALUE ? EntryInputs.NONE
				: new EntryInputs(inputs, expiresAtMillis);
	}

	/** Whether the address was recorded already (then its first version is kept), else notes it. */
	private boolean recorded(String cache, String key) {
		if (addresses == null) {
			for (EntryInputs.Input input : inputs) {
				if (input.key().equals(key) && input.cache().equals(cache)) {
					return true;
				}
			}
			if (inputs.size() < SCANNED) {
				return false;
			}
			addresses = new HashSet<>();
			inputs.forEach(input -> addresses.add(EntryMetadata.address(input.cache(), input.key())));
		}
		return !addresses.add(EntryMetadata.address(cache, key));
	}

}
