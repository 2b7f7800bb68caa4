package dev.cachet.core.cache;

import dev.cachet.core.key.CacheAddresses;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the invalidation bus lost messages, older entries of node-local tiers are not served, until a
 * shared tier served that very entry.
 */
class LocalTierTrustTests {

	private final MutableClock clock = new MutableClock();

	private final MemoryTier localStore = new MemoryTier(1_000_000);

	private final MemoryTier sharedStore = new MemoryTier(1_000_000);

	private final AtomicReference<InvalidationBus.Listener> listener = new AtomicReference<>();

	private final InvalidationBus bus = new InvalidationBus() {

		@Override
		public void publishEvict(String cache, String key) {
		}

		@Override
		public void publishClear(String cache) {
		}

		@Override
		public void subscribe(Listener subscriber) {
			listener.set(subscriber);
		}

	};

	@Test
	void localEntriesFromBeforeTheLossAreMissesNewOnesAreHits() {
		TieredCache cache = cache();
		CachetKey key = CachetKey.of("k");
		cache.put(key, "before");
		clock.advance(Duration.ofSeconds(1));
		listener.get().messagesLost();
		sharedStore.evict("c", "k"); // evicted by another instance, the message was lost
		assertThat(localStore.get("c", "k")).isNotNull();
		assertThat(cache.get(key)).as("the local copy may have been evicted elsewhere").isNull();

		clock.advance(Duration.ofSeconds(1));
		cache.put(key, "after");
		sharedStore.clear("c");
		assertThat(cache.get(key).get()).as("written after the loss: trusted").isEqualTo("after");
	}

	@Test
	void anEntryTheSharedTierServesAfterTheLossIsTrustedLocallyAgainThoughItKeepsItsCreatedAt() {
		TieredCache cache = cache();
		CachetKey key = CachetKey.of("k");
		cache.put(key, "before");
		clock.advance(Duration.ofSeconds(1));
		listener.get().messagesLost();
		clock.advance(Duration.ofMillis(1));

		assertThat(cache.get(key).get()).as("read from the shared tier, copied to the local one").isEqualTo("before");
		Envelope copied = localStore.get("c", "k");
		assertThat(copied.metadata().createdAt()).as("a copy keeps its created-at").isBefore(clock.instant());
		sharedStore.clear("c");
		assertThat(cache.get(key).get()).as("the local copy, trusted again").isEqualTo("before");
	}

	@Test
	void aLocalEntryOtherThanTheOneTheSharedTierServedStaysDistrusted() {
		TieredCache cache = cache();
		CachetKey key = CachetKey.of("k");
		cache.put(key, "old");
		Envelope old = localStore.get("c", "k");
		clock.advance(Duration.ofSeconds(1));
		cache.put(key, "newer"); // by another instance, while this one was not listening
		Envelope newer = sharedStore.get("c", "k");
		clock.advance(Duration.ofSeconds(1));
		listener.get().messagesLost();
		clock.advance(Duration.ofMillis(1));
		localStore.evict("c", "k");
		assertThat(cache.get(key).get()).isEqualTo("newer");

		localStore.put("c", "k", old, Duration.ofHours(1)); // say, a disk copy from before
		sharedStore.clear("c");
		assertThat(cache.get(key)).as("not the entry the shared tier served").isNull();
		localStore.put("c", "k", newer, Duration.ofHours(1));
		assertThat(cache.get(key).get()).as("the entry the shared tier served").isEqualTo("newer");
	}

	@Test
	void aReReadBeforeTheLatestLossDoesNotCount() {
		TieredCache cache = cache();
		CachetKey key = CachetKey.of("k");
		cache.put(key, "v");
		clock.advance(Duration.ofSeconds(1));
		listener.get().messagesLost();
		clock.advance(Duration.ofMillis(1));
		assertThat(cache.get(key).get()).isEqualTo("v");
		clock.advance(Duration.ofSeconds(1));
		listener.get().messagesLost(); // lost again: the re-read may be outdated too
		sharedStore.clear("c");

		assertThat(cache.get(key)).isNull();
	}

	private TieredCache cache() {
		return TieredCacheManager
			.builder(new EntrySerializer(new JavaSerializationCodec()),
					new CachetKeyGenerator(new CachedMethods(new MethodFingerprinter(new FingerprintSettings(List.of(),
							true, ""))), new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of())))
			.tier("local", new Delegating(localStore, false), null)
			.tier("shared", new Delegating(sharedStore, true), null)
			.defaultTiers(List.of("local", "shared"))
			.invalidationBus(bus)
			.clock(clock)
			.build()
			.getCache("c");
	}

	/** A tier over a memory store, shared or not, that is not itself a {@link MemoryTier}. */
	private record Delegating(MemoryTier store, boolean shared) implements CacheTier {

		@Override
		public String type() {
			return shared ? "shared" : "local";
		}

		@Override
		public String location() {
			return "test";
		}

		@Override
		public Envelope get(String cache, String key) {
			return store.get(cache, key);
		}

		@Override
		public void put(String cache, String key, Envelope envelope, Duration storageTtl) {
			store.put(cache, key, envelope, storageTtl);
		}

		@Override
		public void evict(String cache, String key) {
			store.evict(cache, key);
		}

		@Override
		public void clear(String cache) {
			store.clear(cache);
		}

	}

}
