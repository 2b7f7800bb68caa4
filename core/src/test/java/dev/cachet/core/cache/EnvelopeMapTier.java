package dev.cachet.core.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.tier.CacheTier;

/**
 * A tier that stores envelopes in a map, as a persistent tier stores bytes, for tests of the tiered
 * cache's logic; the real tiers have their own tests.
 */
class EnvelopeMapTier implements CacheTier {

	private final Map<String, Envelope> entries = new ConcurrentHashMap<>();

	private final AtomicInteger reads = new AtomicInteger();

	private final AtomicInteger writesWithInputs = new AtomicInteger();

	/** How many entries are stored. */
	int size() {
		return entries.size();
	}

	/** How often {@link #get} was called. */
	int reads() {
		return reads.get();
	}

	/** How many of the entries {@link #put} stored recorded inputs. */
	int writesWithInputs() {
		return writesWithInputs.get();
	}

	@Override
	public String type() {
		return "map";
	}

	@Override
	public String location() {
		return "test map";
	}

	@Override
	public @Nullable Envelope get(String cache, String key) {
		reads.incrementAndGet();
		return entries.get(cache + '/' + key);
	}

	@Override
	public void put(String cache, String key, Envelope envelope, Duration storageTtl) {
		if (!envelope.metadata().inputs().isEmpty()) {
			writesWithInputs.incrementAndGet();
		}
		entries.put(cache + '/' + key, envelope);
	}

	@Override
	public void evict(String cache, String key) {
		entries.remove(cache + '/' + key);
	}

	@Override
	public void clear(String cache) {
		entries.keySet().removeIf(key -> key.startsWith(cache + '/'));
	}

}
