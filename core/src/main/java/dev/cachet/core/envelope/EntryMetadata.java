package dev.cachet.core.envelope;

import java.time.Duration;
import java.time.Instant;

/**
 * What an envelope records about its entry besides the payload: when and by whom it was written, and
 * where. The address binds the bytes to the one place they may be read from; a copy of them under
 * another key is a miss.
 *
 * @param createdAt   when the value was computed (freshness is measured from here)
 * @param maxAge      the max-age in force when it was written plus the larger stale window then in
 *                    force: how long tiers keep the entry (read-time rules decide whether it is served)
 * @param computeTime how long the computation took, zero when unknown
 * @param producer    who wrote it
 * @param address     the cache name and key id it was written under ({@link #address(String, String)})
 */
public record EntryMetadata(Instant createdAt, Duration maxAge, Duration computeTime, Producer producer,
		String address) {

	public EntryMetadata {
		if (createdAt == null || maxAge == null || computeTime == null || producer == null || address == null) {
			throw new IllegalArgumentException("EntryMetadata fields must not be null");
		}
	}

	/** The address string of a key id in a cache, as envelopes record it. */
	public static String address(String cache, String key) {
		return cache + '\u0000' + key;
	}

	/** Whether this entry was written under {@code key} of {@code cache}. */
	public boolean writtenAt(String cache, String key) {
		return address.length() == cache.length() + 1 + key.length() && address.startsWith(cache)
				&& address.charAt(cache.length()) == '\u0000' && address.endsWith(key);
	}

	/** The producing method's id, empty for a programmatic put. */
	public String methodId() {
		return producer.methodId();
	}

	/** The producing method's fingerprint when it wrote, empty for a programmatic put. */
	public String fingerprint() {
		return producer.fingerprint();
	}

	/** Age of the entry at {@code now}. */
	public Duration age(Instant now) {
		return Duration.between(createdAt, now);
	}

	/** Whether the entry is still fresh under {@code maxAge} at {@code now}. */
	public boolean isFresh(Duration maxAge, Instant now) {
		return isFresh(maxAge, now.toEpochMilli());
	}

	/** Whether the entry is still fresh under {@code maxAge} at {@code nowMillis}; allocates nothing (read path). */
	public boolean isFresh(Duration maxAge, long nowMillis) {
		return nowMillis - createdAt.toEpochMilli() < maxAge.toMillis();
	}

}
