package dev.cachet.core.cache;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.key.CacheAddresses;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.tier.TierAsyncReads;
import dev.cachet.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code retrieve} reads a far tier through its asynchronous reads and a tier without them on the
 * read executor, under the rules of the blocking read: promotion (queued for tiers that store
 * bytes), eviction overlap, pending evictions, failures as counted misses.
 */
class AsyncReadTests {

	private final MutableClock clock = new MutableClock();

	private final MemoryTier near = new MemoryTier(10_000_000, false, Runnable::run);

	private final EnvelopeMapTier mid = new EnvelopeMapTier();

	private final AsyncMapTier far = new AsyncMapTier();

	private final CachetKeyGenerator keys = new CachetKeyGenerator(
			new CachedMethods(new MethodFingerprinter(new FingerprintSettings(List.of(), true, ""))),
			new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of()));

	private TieredCacheManager manager(String... tiers) {
		return TieredCacheManager.builder(new EntrySerializer(new JavaSerializationCodec()), keys)
			.tier("near", near, null)
			.tier("mid", mid, null)
			.tier("far", far, null)
			.defaultTiers(List.of(tiers))
			.clock(clock)
			.build();
	}

	/** An entry only the far tier holds. */
	private void putFar(String key, Object value) {
		manager("far").getCache("c").put(CachetKey.of(key), value);
	}

	@Test
	void aFarHitIsReadAsynchronouslyAndCopiedIntoTheNearerTiers() throws Exception {
		putFar("k", "v");
		TieredCacheManager manager = manager("near", "mid", "far");
		TieredCache cache = manager.getCache("c");

		Object hit = cache.retrieve(CachetKey.of("k")).get(5, TimeUnit.SECONDS);

		assertThat(hit).isInstanceOfSatisfying(Cache.ValueWrapper.class, (value) -> assertThat(value.get()).isEqualTo("v"));
		assertThat(far.asyncReads.get()).isEqualTo(1);
		assertThat(far.syncReads.get()).isZero();
		assertThat(near.values().orElseThrow().get("c", CachetKey.of("k"), clock.millis())).as("held at once").isNotNull();
		assertThat(manager.awaitWrites(Duration.ofSeconds(5))).isTrue();
		assertThat(mid.get("c", "k")).as("queued copy landed").isNotNull();
		assertThat(cache.statistics().hits()).isEqualTo(1);
	}

	@Test
	void aFailingAsynchronousReadIsACountedMiss() throws Exception {
		putFar("k", "v");
		far.failReads = true;
		TieredCacheManager manager = manager("near", "far");
		TieredCache cache = manager.getCache("c");

		assertThat(cache.retrieve(CachetKey.of("k")).get(5, TimeUnit.SECONDS)).isNull();
		assertThat(cache.statistics().misses()).isEqualTo(1);
		assertThat(cache.getNativeCache().get(1).statistics().errors()).isEqualTo(1);
	}

	@Test
	void anEvictionDuringTheReadLeavesNoCopyNearer() throws Exception {
		putFar("k", "v");
		far.hold = new CompletableFuture<>();
		TieredCacheManager manager = manager("near", "mid", "far");
		TieredCache cache = manager.getCache("c");
		CompletableFuture<?> read = cache.retrieve(CachetKey.of("k"));
		// the read has reached the far tier; the key is evicted meanwhile, then the far tier answers
		awaitAsyncRead();
		cache.evict(CachetKey.of("k"));
		putFar("k", "v");
		far.hold.complete(null);

		read.get(5, TimeUnit.SECONDS);
		assertThat(manager.awaitWrites(Duration.ofSeconds(5))).isTrue();
		assertThat(near.values().orElseThrow().get("c", CachetKey.of("k"), clock.millis())).isNull();
		assertThat(mid.get("c", "k")).isNull();
	}

	@Test
	void aPendingEvictionMakesTheTierAMissWithoutBlockingToApplyIt() throws Exception {
		putFar("k", "v");
		TieredCacheManager manager = manager("near", "far");
		TieredCache cache = manager.getCache("c");
		far.failEvictions = true;
		cache.evict(CachetKey.of("k")); // the far tier keeps it pending
		putFar("k", "v");

		assertThat(cache.retrieve(CachetKey.of("k")).get(5, TimeUnit.SECONDS)).isNull();
		assertThat(far.asyncReads.get()).isZero();
	}

	private void awaitAsyncRead() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (far.asyncReads.get() == 0 && System.nanoTime() < deadline) {
			Thread.sleep(1);
		}
		assertThat(far.asyncReads.get()).isEqualTo(1);
	}

	/** A map tier with asynchronous reads, which a test can hold back or make fail. */
	private static final class AsyncMapTier extends EnvelopeMapTier {

		final AtomicInteger asyncReads = new AtomicInteger();

		final AtomicInteger syncReads = new AtomicInteger();

		volatile boolean failReads;

		volatile boolean failEvictions;

		volatile @Nullable CompletableFuture<Void> hold;

		@Override
		public @Nullable Envelope get(String cache, String key) {
			syncReads.incrementAndGet();
			return super.get(cache, key);
		}

		@Override
		public void evict(String cache, String key) {
			if (failEvictions) {
				throw new IllegalStateException("evictions fail");
			}
			super.evict(cache, key);
		}

		@Override
		public Optional<TierAsyncReads> asyncReads() {
			return Optional.of((cache, key) -> {
				asyncReads.incrementAndGet();
				if (failReads) {
					return CompletableFuture.failedFuture(new IllegalStateException("reads fail"));
				}
				CompletableFuture<Void> gate = (hold != null) ? hold : CompletableFuture.completedFuture(null);
				// read when the gate opens, on another thread, as a client's I/O thread would answer
				return gate.thenApplyAsync((ignored) -> super.get(cache, key));
			});
		}

	}

}
