package dev.cachet.core.memory;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.TierEntry;
import dev.cachet.core.tier.TierInspection;

/**
 * The in-memory tier, on Caffeine, bounded by the heap its entries retain. Each entry expires after
 * the storage time the tiered cache gives it. Envelopes remember their decoded value, so a repeated
 * hit costs no decoding; an entry weighs its envelope plus an estimate of its decoded value
 * ({@link HeapEstimate}), weighed again once the value is decoded.
 */
public class MemoryTier implements CacheTier, TierInspection {

	private final Cache<StoreKey, Stored> entries;

	private final long maxSizeBytes;

	/** @param maxSizeBytes upper bound of the heap the entries retain, as weighed */
	public MemoryTier(long maxSizeBytes) {
		if (maxSizeBytes <= 0) {
			throw new IllegalArgumentException("the memory tier's maximum size must be positive, was " + maxSizeBytes);
		}
		this.maxSizeBytes = maxSizeBytes;
		this.entries = Caffeine.newBuilder()
			// maintenance runs on the calling thread: handing it to a pool costs a thread wake-up on hits
			.executor(Runnable::run)
			.maximumWeight(maxSizeBytes)
			.weigher((StoreKey key, Stored stored) -> stored.weight())
			.expireAfter(Expiry.creating((StoreKey key, Stored stored) -> stored.ttl()))
			.build();
	}

	@Override
	public String type() {
		return "memory";
	}

	@Override
	public String location() {
		return "heap (max " + maxSizeBytes + " bytes)";
	}

	@Override
	public boolean persistent() {
		return false;
	}

	@Override
	public Envelope get(String cache, String key) {
		Stored stored = entries.getIfPresent(new StoreKey(cache, key));
		return (stored != null) ? stored.envelope() : null;
	}

	@Override
	public void put(String cache, String key, Envelope envelope, Duration storageTtl) {
		StoreKey storeKey = new StoreKey(cache, key);
		Stored stored = new Stored(envelope, storageTtl);
		// asked before the put: a value decoded in between is then weighed by the put itself
		envelope.whenDecoded(() -> entries.asMap().replace(storeKey, stored, stored));
		entries.put(storeKey, stored);
	}

	@Override
	public void evict(String cache, String key) {
		entries.invalidate(new StoreKey(cache, key));
	}

	@Override
	public void clear(String cache) {
		entries.asMap().keySet().removeIf(key -> key.cache().equals(cache));
	}

	@Override
	public Optional<TierInspection> inspection() {
		return Optional.of(this);
	}

	@Override
	public Stream<TierEntry> entries(String cache) {
		return entries.asMap()
			.entrySet()
			.stream()
			.filter(entry -> entry.getKey().cache().equals(cache))
			.map(entry -> new TierEntry(entry.getKey().key(), entry.getValue().envelope().metadata(),
					entry.getValue().envelope().size()));
	}

	/** Drops every entry of every cache. */
	public void clearAll() {
		entries.invalidateAll();
	}

	@Override
	public OptionalLong entryCount() {
		return OptionalLong.of(entries.estimatedSize());
	}

	@Override
	public OptionalLong sizeInBytes() {
		return entries.policy().eviction().map(e -> OptionalLong.of(e.weightedSize().orElse(0))).orElse(OptionalLong.empty());
	}

	private record StoreKey(String cache, String key) {
	}

	private record Stored(Envelope envelope, Duration ttl) {

		/** The envelope's bytes and the decoded value it remembers, in bytes of heap. */
		int weight() {
			Object decoded = this.envelope.decodedValue();
			long weight = this.envelope.size() + ((decoded != null) ? HeapEstimate.of(decoded) : 0);
			return (int) Math.min(Integer.MAX_VALUE, weight);
		}

	}

}
