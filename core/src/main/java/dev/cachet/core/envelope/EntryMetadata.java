package dev.cachet.core.envelope;

import java.time.Duration;
import java.time.Instant;

/**
 * What the tiered cache records about an entry besides its payload.
 *
 * @param createdAt   when the value was computed (freshness is measured from here)
 * @param maxAge      the max-age in force when it was written (informational; read-time rules win)
 * @param computeTime how long the computation took, zero when unknown
 * @param methodId    the cached method ({@code com.acme.Svc#load(java.lang.String)}) or the cache name
 * @param fingerprint the method's code fingerprint, empty when the key carried none
 */
public record EntryMetadata(Instant createdAt, Duration maxAge, Duration computeTime, String methodId,
		String fingerprint) {

	public EntryMetadata {
		if (createdAt == null || maxAge == null || computeTime == null || methodId == null || fingerprint == null) {
			throw new IllegalArgumentException("EntryMetadata fields must not be null");
		}
	}

	/** Age of the entry at {@code now}. */
	public Duration age(Instant now) {
		return Duration.between(createdAt, now);
	}

	/** Whether the entry is still fresh under {@code maxAge} at {@code now}. */
	public boolean isFresh(Duration maxAge, Instant now) {
		return age(now).compareTo(maxAge) < 0;
	}

}
