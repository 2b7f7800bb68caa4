package dev.cachet.core.cache;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.CorruptEnvelopeException;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.EnvelopeSigner;
import dev.cachet.core.envelope.EnvelopeStreams;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.core.tier.ValueHolding;
import dev.cachet.core.tier.ValueHolding.HeldValue;

/**
 * Calls tiers so that a failure is a counted miss, never an exception for the caller, and tells
 * other instances about evictions. An eviction or clear a tier fails to apply is kept
 * {@linkplain PendingEvictions pending} and applied before that tier serves the address again.
 * Failures are logged at WARN at most once a minute per tier ({@link TierFailures}). Tiers that do not stream natively are
 * streamed through whole envelopes.
 */
public final class TierOperations {

	private final @Nullable InvalidationBus bus;

	private final EvictionEpochs epochs = new EvictionEpochs();

	private final PendingEvictions pending;

	private final TierFailures failures = new TierFailures();

	private final Clock clock;

	/**
	 * @param bus where evictions are announced to other instances, or {@code null}
	 * @param clock when pending clears were requested, against the entries' creation times; what
	 *              storage times in tiers holding objects are checked against
	 */
	TierOperations(@Nullable InvalidationBus bus, Clock clock) {
		this.bus = bus;
		this.clock = clock;
		this.pending = new PendingEvictions(bus, clock);
	}

	/** An entry's envelope, or {@code null} on a miss or a failure. */
	public @Nullable Envelope get(TierBinding binding, String cache, String key) {
		long start = System.nanoTime();
		try {
			if (!pending.beforeRead(binding, cache, key)) {
				return null;
			}
			Envelope envelope = binding.tier().get(cache, key);
			return (envelope != null && !pending.cleared(binding, cache, envelope.metadata())) ? envelope : null;
		}
		catch (Exception ex) {
			failed(binding, "read", ex);
			return null;
		}
		finally {
			binding.statistics().latency(System.nanoTime() - start);
		}
	}

	/**
	 * The value a tier holds as an object, or {@code null}. Such a tier lives in this JVM and cannot
	 * fail to evict, so no eviction is ever pending for it, and its calls are not timed: a hit is a map
	 * lookup, and timing it would cost more than the lookup.
	 */
	@Nullable HeldValue getValue(ValueHolding holding, TierBinding binding, String cache, CachetKey key,
			long nowMillis) {
		try {
			return holding.get(cache, key, nowMillis);
		}
		catch (RuntimeException ex) {
			failed(binding, "read", ex);
			return null;
		}
	}

	/** Holds a value in a tier that holds objects; a failure is counted and logged. */
	void putValue(ValueHolding holding, TierBinding binding, String cache, CachetKey key, HeldValue value,
			Duration ttl, long nowMillis) {
		try {
			holding.put(cache, key, value, ttl, nowMillis);
			binding.statistics().put();
		}
		catch (RuntimeException ex) {
			failed(binding, "write", ex);
		}
	}

	/** Stores an envelope; a failure is counted and logged. */
	public void put(TierBinding binding, String cache, String key, Envelope envelope, Duration ttl) {
		long start = System.nanoTime();
		try {
			if (pending.write(binding, cache, key, () -> binding.tier().put(cache, key, envelope, ttl))) {
				binding.statistics().put();
			}
		}
		catch (Exception ex) {
			failed(binding, "write", ex);
		}
		finally {
			binding.statistics().latency(System.nanoTime() - start);
		}
	}

	/**
	 * Opens a tier's entry for streaming and reads its header.
	 * @return the reader, or {@code null} on a miss, a failure or a corrupt header (then evicted)
	 */
	public EnvelopeStreams.@Nullable Reader openEnvelope(TierBinding binding, String cache, String key,
			EnvelopeSigner signer) {
		long start = System.nanoTime();
		InputStream in = null;
		try {
			if (!pending.beforeRead(binding, cache, key)) {
				return null;
			}
			in = EnvelopeTransfer.open(binding.tier(), cache, key);
			EnvelopeStreams.Reader reader = (in != null) ? EnvelopeStreams.read(in, signer) : null;
			if (reader != null && pending.cleared(binding, cache, reader.metadata())) {
				EnvelopeTransfer.closeQuietly(in);
				return null;
			}
			return reader;
		}
		catch (CorruptEnvelopeException ex) {
			EnvelopeTransfer.closeQuietly(in);
			binding.statistics().error();
			evict(List.of(binding), cache, key, false);
			return null;
		}
		catch (Exception ex) {
			EnvelopeTransfer.closeQuietly(in);
			failed(binding, "read", ex);
			return null;
		}
		finally {
			binding.statistics().latency(System.nanoTime() - start);
		}
	}

	/**
	 * Whether a tier holds an entry for the key, so far as it can tell: a tier that fails to answer
	 * holds nothing.
	 */
	boolean holds(TierBinding binding, String cache, String key) {
		try {
			if (!pending.beforeRead(binding, cache, key)) {
				return false;
			}
			ValueHolding holding = binding.values();
			if (holding != null && holding.get(cache, CachetKey.of(key), clock.millis()) != null) {
				return true;
			}
			try (InputStream in = EnvelopeTransfer.open(binding.tier(), cache, key)) {
				return in != null;
			}
		}
		catch (Exception ex) {
			failed(binding, "read", ex);
			return false;
		}
	}

	/** Streams an envelope into a tier; {@code envelope} supplies a fresh stream of its bytes. */
	public void putEnvelope(TierBinding binding, String cache, String key, EnvelopeSource envelope, long length,
			Duration ttl) {
		long start = System.nanoTime();
		try {
			PendingEvictions.TierCall put = () -> EnvelopeTransfer.store(binding.tier(), cache, key, envelope.open(), length, ttl);
			if (pending.write(binding, cache, key, put)) {
				binding.statistics().put();
			}
		}
		catch (Exception ex) {
			failed(binding, "write", ex);
		}
		finally {
			binding.statistics().latency(System.nanoTime() - start);
		}
	}

	/** Opens a new stream of an envelope's bytes. */
	public interface EnvelopeSource {

		InputStream open() throws IOException;

	}

	/**
	 * Removes an entry from tiers, and announces it to other instances when {@code announce}. A tier
	 * that fails keeps the eviction pending.
	 */
	public void evict(List<TierBinding> bindings, String cache, String key, boolean announce) {
		epochs.evictionStarted(cache, key);
		try {
			for (TierBinding binding : bindings) {
				try {
					pending.evict(binding, cache, key);
				}
				catch (Exception ex) {
					failed(binding, "evict", ex);
				}
			}
		}
		finally {
			epochs.evictionFinished(cache, key);
		}
		if (announce) {
			publishEvict(cache, key);
		}
	}

	/**
	 * Removes a cache's entries from tiers, and announces it when {@code announce}. A tier that fails
	 * keeps the clear pending.
	 */
	void clear(List<TierBinding> bindings, String cache, boolean announce) {
		epochs.clearStarted();
		try {
			for (TierBinding binding : bindings) {
				try {
					pending.clear(binding, cache);
				}
				catch (Exception ex) {
					failed(binding, "clear", ex);
				}
			}
		}
		finally {
			epochs.clearFinished();
		}
		if (announce && bus != null) {
			bus.publishClear(cache);
		}
	}

	/**
	 * Runs a write that replaces an entry as an eviction of it runs, so that a copy of the old value
	 * being made meanwhile (a promotion, a queued write) is not kept: see {@link EvictionEpochs}.
	 */
	<T> T superseding(String cache, String key, Supplier<T> write) {
		epochs.evictionStarted(cache, key);
		try {
			return write.get();
		}
		finally {
			epochs.evictionFinished(cache, key);
		}
	}

	/** What a read that must not block checks itself, since it cannot apply them: see {@link AsyncTierReads}. */
	PendingEvictions pending() {
		return pending;
	}

	/** What a read that may copy an entry into nearer tiers checks: see {@link EvictionEpochs}. */
	EvictionEpochs epochs() {
		return epochs;
	}

	/** Tells other instances to drop an entry from their node-local tiers. */
	public void publishEvict(String cache, String key) {
		if (bus != null) {
			bus.publishEvict(cache, key);
		}
	}

	/** Stops retrying pending evictions. */
	void close() {
		pending.close();
	}

	void failed(TierBinding binding, String operation, Exception ex) {
		failures.failed(binding, operation, ex);
	}

}
