package dev.cachet.core.tier;

import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What a tier can tell about its contents, for Actuator and metrics. Offered through
 * {@link CacheTier#inspection()}.
 */
public interface TierInspection {

	/**
	 * The entries of one cache this tier holds: key id, envelope metadata and size, never payloads.
	 * Entries past their storage time may be left out. The caller closes the stream.
	 */
	Stream<TierEntry> entries(String cache) throws Exception;

	/** Number of entries across all caches, when cheap to know. */
	default OptionalLong entryCount() {
		return OptionalLong.empty();
	}

	/** Stored bytes across all caches, when cheap to know. */
	default OptionalLong sizeInBytes() {
		return OptionalLong.empty();
	}

}
