package dev.cachet.core.envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

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
 * @param version     which write of its address this entry is: random per write, kept by every copy, so
 *                    the results computed from it can tell it from a later one
 * @param inputs      the cached results it was computed from
 */
public record EntryMetadata(Instant createdAt, Duration maxAge, Duration computeTime, Producer producer,
		String address, long version, EntryInputs inputs) {

	public EntryMetadata {
		if (createdAt == null || maxAge == null || computeTime == null || producer == null || address == null
				|| inputs == null) {
			throw new IllegalArgumentException("EntryMetadata fields must not be null");
		}
	}

	/** The metadata of a new write computed from no cached result: a version of its own. */
	public EntryMetadata(Instant createdAt, Duration maxAge, Duration computeTime, Producer producer, String address) {
		this(createdAt, maxAge, computeTime, producer, address, newVersion(), EntryInputs.NONE);
	}

	/** A version for a new write. */
	public static long newVersion() {
		return ThreadLocalRandom.current().nextLong();
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

	/**
	 * Whether the entry is still fresh under {@code maxAge} at {@code nowMillis}, and none of its inputs
	 * has expired; allocates nothing (read path).
	 */
	public boolean isFresh(Duration maxAge, long nowMillis) {
		return nowMillis - createdAt.toEpochMilli() < maxAge.toMillis() && nowMillis < inputs.expiresAtMillis();
	}

	/**
	 * When the entry stops being fresh under {@code maxAge} (epoch millis): at its max-age, or when the
	 * first of its inputs expired if that is earlier.
	 */
	public long expiresAtMillis(Duration maxAge) {
		long created = createdAt.toEpochMilli();
		long byAge = (maxAge.toMillis() > Long.MAX_VALUE - created) ? Long.MAX_VALUE : created + maxAge.toMillis();
		return Math.min(byAge, inputs.expiresAtMillis());
	}

}
