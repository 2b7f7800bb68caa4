package dev.cachet.core.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.cache.CacheEvictions.Attempt;
import dev.cachet.core.cache.CacheEvictions.Clear;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.core.tier.TierEntry;
import dev.cachet.core.tier.TierInspection;

/**
 * Evictions and clears a tier could not apply (it failed, timed out or its circuit was open), kept per
 * tier and cache until they are, so that a tier coming back never serves an evicted value again.
 * <ul>
 * <li>A read from a tier with a pending eviction of the address first applies it; while it cannot, the
 * tier is a miss at that address. A tier with a pending clear of the cache serves only entries created
 * after the clear was requested (a tie counts as before).</li>
 * <li>A successful write of the address supersedes its pending eviction: the new value is the truth.
 * A write and a retry of the eviction never run at once, so a retry never deletes the newer value.</li>
 * <li>A daemon task retries the rest every {@link #RETRY_INTERVAL}, so that other instances reading a
 * shared tier see the eviction soon after it recovers. Each eviction or clear applied to a shared tier
 * is announced again, for the instances that copied the old value into their own tiers meanwhile.</li>
 * <li>At most {@value #MAX_KEYS} evictions are kept per tier and cache; one more turns them into a
 * pending clear of the cache, which covers them.</li>
 * </ul>
 * A pending clear removes the entries created before it was requested where the tier can list them,
 * and the whole cache elsewhere (Redis, S3): that may delete newer entries too, which costs a
 * recomputation, never a wrong value.
 */
final class PendingEvictions implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PendingEvictions.class);

	static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

	static final int MAX_KEYS = 10_000;

	private final @Nullable InvalidationBus bus;

	private final Clock clock;

	private final ConcurrentMap<Slot, CacheEvictions> slots = new ConcurrentHashMap<>();

	/** Pending evictions and clears in all slots: reads look no further while it is zero. */
	private final AtomicInteger count = new AtomicInteger();

	/** Orders requests and clears within this instance, whatever the clock's resolution. */
	private final AtomicLong sequence = new AtomicLong();

	private @Nullable ScheduledExecutorService retries;

	private boolean closed;

	PendingEvictions(@Nullable InvalidationBus bus, Clock clock) {
		this.bus = bus;
		this.clock = clock;
	}

	/** Removes an entry from a tier, and keeps the eviction as pending if the tier fails. */
	void evict(TierBinding binding, String cache, String key) throws Exception {
		long requested = sequence.incrementAndGet();
		try {
			binding.tier().evict(cache, key);
		}
		catch (Exception ex) {
			if (slot(binding, cache).add(key, new Attempt(requested), MAX_KEYS, newClear())) {
				logger.warn("Cachet tier '{}' could not apply {} evictions of cache '{}': the cache will be cleared "
						+ "there instead", binding.name(), MAX_KEYS, cache);
			}
			startRetries();
			throw ex;
		}
	}

	/** Removes every entry of a cache from a tier, and keeps the clear as pending if the tier fails. */
	void clear(TierBinding binding, String cache) throws Exception {
		long started = sequence.incrementAndGet();
		try {
			binding.tier().clear(cache);
		}
		catch (Exception ex) {
			slot(binding, cache).request(newClear());
			startRetries();
			throw ex;
		}
		CacheEvictions evictions = find(binding, cache);
		if (evictions != null) {
			evictions.coveredBy(started);
		}
	}

	/**
	 * Applies the tier's pending eviction of an address, if any, before the tier is read there.
	 * @return whether the tier may be read: {@code false} while another thread is applying it
	 * @throws Exception the tier's failure: the eviction stays pending and the read is a miss
	 */
	boolean beforeRead(TierBinding binding, String cache, String key) throws Exception {
		CacheEvictions evictions = find(binding, cache);
		Attempt attempt = (evictions != null) ? evictions.attempt(key) : null;
		if (attempt == null) {
			return true;
		}
		if (!attempt.claim()) {
			return attempt.done();
		}
		return settle(binding, cache, key, evictions, attempt, () -> binding.tier().evict(cache, key));
	}

	/**
	 * Whether an eviction of the address is pending for the tier: a read that must not block treats
	 * the tier as a miss there, and leaves applying it to a blocking read or to the retries.
	 */
	boolean evictionPending(TierBinding binding, String cache, String key) {
		CacheEvictions evictions = find(binding, cache);
		return evictions != null && evictions.attempt(key) != null;
	}

	/** Whether an entry read from the tier was removed by a pending clear of its cache. */
	boolean cleared(TierBinding binding, String cache, EntryMetadata metadata) {
		CacheEvictions evictions = find(binding, cache);
		Clear clear = (evictions != null) ? evictions.clear() : null;
		return clear != null && !metadata.createdAt().isAfter(clear.requestedAt());
	}

	/**
	 * Writes an entry to a tier; when it succeeds, it supersedes a pending eviction of the address.
	 * @return whether it was written: {@code false} while another thread is applying that eviction
	 * @throws Exception the tier's failure: a pending eviction stays pending
	 */
	boolean write(TierBinding binding, String cache, String key, TierCall put) throws Exception {
		CacheEvictions evictions = find(binding, cache);
		Attempt attempt = (evictions != null) ? evictions.attempt(key) : null;
		if (attempt == null || !attempt.claim()) {
			if (attempt != null && !attempt.done()) {
				return false;
			}
			put.run();
			return true;
		}
		return settle(binding, cache, key, evictions, attempt, put);
	}

	/**
	 * Runs what settles a pending eviction the caller {@linkplain Attempt#claim() claimed}: the eviction
	 * itself, or a write of the address. Only the claiming thread runs it, so none runs after a write.
	 */
	private boolean settle(TierBinding binding, String cache, String key, CacheEvictions evictions, Attempt attempt,
			TierCall action) throws Exception {
		boolean done = false;
		try {
			action.run();
			done = true;
		}
		finally {
			attempt.release(done);
		}
		evictions.remove(key, attempt);
		if (binding.tier().shared() && bus != null) {
			bus.publishEvict(cache, key);
		}
		return true;
	}

	/** Applies what is pending, tier by tier, each until its first failure. */
	void retry() {
		Set<String> failing = new HashSet<>();
		for (Map.Entry<Slot, CacheEvictions> slot : slots.entrySet()) {
			TierBinding binding = slot.getValue().binding();
			String cache = slot.getKey().cache();
			if (count.get() == 0 || failing.contains(binding.name())) {
				continue;
			}
			try {
				retry(binding, cache, slot.getValue());
			}
			catch (Exception ex) {
				failing.add(binding.name());
				logger.debug("Pending evictions of cache '{}' in tier '{}' not applied yet", cache, binding.name(), ex);
			}
		}
	}

	private void retry(TierBinding binding, String cache, CacheEvictions evictions) throws Exception {
		Clear clear = evictions.clear();
		if (clear != null) {
			clearCreatedBefore(binding, cache, clear.requestedAt());
			evictions.coveredBy(clear.sequence() + 1);
			if (binding.tier().shared() && bus != null) {
				bus.publishClear(cache);
			}
		}
		for (Map.Entry<String, Attempt> pending : evictions.attempts()) {
			String key = pending.getKey();
			if (pending.getValue().claim()) {
				settle(binding, cache, key, evictions, pending.getValue(), () -> binding.tier().evict(cache, key));
			}
		}
	}

	/** Removes the entries created up to when a clear was requested: listed where the tier can, else all. */
	private static void clearCreatedBefore(TierBinding binding, String cache, Instant requestedAt) throws Exception {
		TierInspection inspection = binding.tier().inspection().orElse(null);
		if (inspection == null) {
			binding.tier().clear(cache);
			return;
		}
		List<String> older;
		try (Stream<TierEntry> entries = inspection.entries(cache)) {
			older = entries.filter(entry -> !entry.metadata().createdAt().isAfter(requestedAt))
				.map(TierEntry::key)
				.toList();
		}
		for (String key : older) {
			binding.tier().evict(cache, key);
		}
	}

	private @Nullable CacheEvictions find(TierBinding binding, String cache) {
		return (count.get() == 0) ? null : slots.get(new Slot(binding.name(), cache));
	}

	private CacheEvictions slot(TierBinding binding, String cache) {
		return slots.computeIfAbsent(new Slot(binding.name(), cache), slot -> new CacheEvictions(binding, count));
	}

	/** A clear requested now, after every request so far. */
	private Clear newClear() {
		return new Clear(clock.instant(), sequence.incrementAndGet());
	}

	private synchronized void startRetries() {
		if (retries == null && !closed) {
			retries = Executors.newSingleThreadScheduledExecutor(task -> {
				Thread thread = new Thread(task, "cachet-pending-evictions");
				thread.setDaemon(true);
				return thread;
			});
			long interval = RETRY_INTERVAL.toMillis();
			retries.scheduleWithFixedDelay(this::retry, interval, interval, TimeUnit.MILLISECONDS);
		}
	}

	/** Stops the background retries. */
	@Override
	public synchronized void close() {
		closed = true;
		if (retries != null) {
			retries.shutdownNow();
		}
	}

	/** A call to a tier. */
	interface TierCall {

		void run() throws Exception;

	}

	private record Slot(String tier, String cache) {
	}

}
