package dev.cachet.core.memory;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.TierEntry;
import dev.cachet.core.tier.TierInspection;
import dev.cachet.core.tier.ValueHolding;

/**
 * The in-memory tier, on Caffeine, bounded by the heap its entries retain. Results are held as the
 * objects themselves ({@link ValueHolding}): a hit returns the instance the method returned, or the
 * one decoded when the entry was copied here from a farther tier, as Spring's Caffeine cache does;
 * with {@code copyOnRead} the tiered cache hands out copies instead. File results are held as
 * envelopes.
 *
 * <p>An entry weighs what {@link HeapEstimate} finds its value retains. Weighing walks the object
 * graph, so it runs on a background thread, never on the caller's: until it is done, an entry counts
 * a provisional {@value #PROVISIONAL_WEIGHT} bytes. Storage times are checked when an entry is read
 * (no per-entry timers on the hit path); an entry past its time is a miss and is dropped then, or
 * earlier by the size bound.
 */
public class MemoryTier implements CacheTier, TierInspection, ValueHolding {

	/** What a held value weighs until it is weighed. */
	static final int PROVISIONAL_WEIGHT = 256;

	private final Cache<StoreKey, Stored> entries;

	private final long maxSizeBytes;

	private final boolean copyOnRead;

	private final Executor weigher;

	private final Optional<ValueHolding> holding = Optional.of(this);

	/** A tier bounded by {@code maxSizeBytes} of heap whose hits return the held instances. */
	public MemoryTier(long maxSizeBytes) {
		this(maxSizeBytes, false);
	}

	/**
	 * A tier weighing values on its own background thread, stopped by {@link #close()}.
	 * @param maxSizeBytes upper bound of the heap the entries retain, as weighed
	 * @param copyOnRead   whether hits should return copies of the held values
	 */
	public MemoryTier(long maxSizeBytes, boolean copyOnRead) {
		this(maxSizeBytes, copyOnRead, Weigher.start());
	}

	/**
	 * @param maxSizeBytes upper bound of the heap the entries retain, as weighed
	 * @param copyOnRead   whether hits should return copies of the held values
	 * @param weigher      where values are weighed; {@code Runnable::run} weighs on the caller's thread
	 */
	public MemoryTier(long maxSizeBytes, boolean copyOnRead, Executor weigher) {
		if (maxSizeBytes <= 0) {
			throw new IllegalArgumentException("the memory tier's maximum size must be positive, was " + maxSizeBytes);
		}
		this.maxSizeBytes = maxSizeBytes;
		this.copyOnRead = copyOnRead;
		this.weigher = weigher;
		this.entries = Caffeine.newBuilder()
			// maintenance runs on the calling thread: handing it to a pool costs a thread wake-up on hits
			.executor(Runnable::run)
			.maximumWeight(maxSizeBytes)
			.weigher((StoreKey key, Stored stored) -> stored.weight)
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
	public Optional<ValueHolding> values() {
		return holding;
	}

	@Override
	public @Nullable HeldValue get(String cache, CachetKey key, long nowMillis) {
		Stored stored = live(new StoreKey(cache, key), nowMillis);
		return (stored != null) ? stored.held : null;
	}

	@Override
	public void put(String cache, CachetKey key, HeldValue value, Duration storageTtl, long nowMillis) {
		StoreKey storeKey = new StoreKey(cache, key);
		Stored stored = new Stored(value, null, expiresAt(storageTtl, nowMillis), PROVISIONAL_WEIGHT);
		entries.put(storeKey, stored);
		try {
			weigher.execute(() -> weigh(storeKey, stored));
		}
		catch (RejectedExecutionException ex) {
			weigh(storeKey, stored);
		}
	}

	@Override
	public boolean copiesOnRead() {
		return copyOnRead;
	}

	/** An envelope held for a file result, or {@code null}; values are read through {@link #get(String, CachetKey, long)}. */
	@Override
	public @Nullable Envelope get(String cache, String key) {
		Stored stored = live(new StoreKey(cache, CachetKey.of(key)), System.currentTimeMillis());
		return (stored != null) ? stored.envelope : null;
	}

	@Override
	public void put(String cache, String key, Envelope envelope, Duration storageTtl) {
		entries.put(new StoreKey(cache, CachetKey.of(key)), new Stored(null, envelope, expiresAt(storageTtl, System.currentTimeMillis()), envelope.size()));
	}

	@Override
	public void evict(String cache, String key) {
		entries.invalidate(new StoreKey(cache, CachetKey.of(key)));
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
		long now = System.currentTimeMillis();
		return entries.asMap()
			.entrySet()
			.stream()
			.filter(entry -> entry.getKey().cache().equals(cache) && entry.getValue().expiresAt > now)
			.map(entry -> new TierEntry(entry.getKey().key().id(), entry.getValue().metadata(), entry.getValue().weight));
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

	@Override
	public void close() {
		if (weigher instanceof ExecutorService service) {
			service.shutdownNow();
		}
	}

	private @Nullable Stored live(StoreKey key, long nowMillis) {
		Stored stored = entries.getIfPresent(key);
		if (stored != null && stored.expiresAt <= nowMillis) {
			entries.asMap().remove(key, stored);
			return null;
		}
		return stored;
	}

	private void weigh(StoreKey key, Stored stored) {
		stored.weight = (int) Math.min(Integer.MAX_VALUE, HeapEstimate.of(stored.held.value()));
		// replacing an entry with itself makes Caffeine weigh it again; a newer entry is left alone
		entries.asMap().replace(key, stored, stored);
	}

	private static long expiresAt(Duration storageTtl, long now) {
		long ttl = storageTtl.toMillis();
		return (ttl >= Long.MAX_VALUE - now) ? Long.MAX_VALUE : now + ttl;
	}

	/** Equality written out: a record's generated one costs more on every hit than these two comparisons. */
	private record StoreKey(String cache, CachetKey key) {

		@Override
		public boolean equals(Object other) {
			return this == other || (other instanceof StoreKey that && key.equals(that.key) && cache.equals(that.cache));
		}

		@Override
		public int hashCode() {
			return 31 * cache.hashCode() + key.hashCode();
		}

	}

	/** A held value or a file result's envelope, until when it may be served, and what it weighs. */
	private static final class Stored {

		final @Nullable HeldValue held;

		final @Nullable Envelope envelope;

		final long expiresAt;

		volatile int weight;

		Stored(@Nullable HeldValue held, @Nullable Envelope envelope, long expiresAt, int weight) {
			this.held = held;
			this.envelope = envelope;
			this.expiresAt = expiresAt;
			this.weight = weight;
		}

		dev.cachet.core.envelope.EntryMetadata metadata() {
			return (held != null) ? held.metadata() : envelope.metadata();
		}

	}

}
