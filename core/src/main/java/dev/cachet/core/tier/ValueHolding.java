package dev.cachet.core.tier;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.key.CachetKey;

/**
 * A tier that keeps results in this JVM as the objects themselves, as Spring's Caffeine and
 * ConcurrentMap caches do: a hit returns the instance that was stored, with no decoding. Offered
 * through {@link CacheTier#values()}; the tiered cache then reads and writes values here instead of
 * envelopes. Evictions and clears still go through {@link CacheTier#evict} and
 * {@link CacheTier#clear}, whose key id is {@link CachetKey#id()}.
 */
public interface ValueHolding {

	/**
	 * The value held for a key of a cache, or {@code null}; a value past its storage time at
	 * {@code nowMillis} is not returned. The time is the caller's (the instant of the read, on the
	 * cache's clock), so a hit reads the clock once, and storage times and freshness share one clock.
	 */
	@Nullable HeldValue get(String cache, CachetKey key, long nowMillis);

	/**
	 * Holds a value for at most {@code storageTtl} from {@code nowMillis} (the cache's clock),
	 * replacing what was held for the key.
	 */
	void put(String cache, CachetKey key, HeldValue value, Duration storageTtl, long nowMillis);

	/**
	 * Whether hits should return a copy of the held value rather than the instance itself, for
	 * applications that modify the results they get.
	 */
	boolean copiesOnRead();

	/**
	 * A result held as an object.
	 * @param metadata what an envelope would record about it: producer, times, address
	 * @param value    the store value ({@code NullValue.INSTANCE} for a cached {@code null})
	 */
	record HeldValue(EntryMetadata metadata, Object value) {
	}

}
