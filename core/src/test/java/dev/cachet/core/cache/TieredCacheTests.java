package dev.cachet.core.cache;

import dev.cachet.core.key.CacheAddresses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.cachet.core.envelope.Producer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.Cache;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.core.policy.Cachet;
import dev.cachet.core.policy.CallOptions;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TieredCacheTests {

	private final MutableClock clock = new MutableClock();

	private final MemoryTier near = new MemoryTier(10_000_000, false, Runnable::run);

	private final EnvelopeMapTier far = new EnvelopeMapTier();

	private final CachetKeyGenerator keys = new CachetKeyGenerator(
			new CachedMethods(new MethodFingerprinter(new FingerprintSettings(List.of(), true, ""))),
			new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of()));

	private final ExecutorService pool = Executors.newFixedThreadPool(32);

	@AfterEach
	void shutdown() {
		pool.shutdownNow();
	}

	private TieredCacheManagerBuilder builder() {
		return TieredCacheManager.builder(new EntrySerializer(new JavaSerializationCodec()), keys)
			.tier("near", near, null)
			.tier("far", far, null)
			.defaultTiers(List.of("near", "far"))
			.clock(clock);
	}

	private static CachetKey key(String id) {
		return CachetKey.of(id);
	}

	@Test
	void missThenPutThenHitFromNearestTier() {
		TieredCache cache = builder().build().getCache("c");
		assertThat(cache.get(key("k1"))).isNull();
		cache.put(key("k1"), "v1");
		assertThat(cache.get(key("k1")).get()).isEqualTo("v1");
		assertThat(near.get("c", key("k1"), clock.millis())).isNotNull();
		assertThat(far.get("c", "k1")).isNotNull();
		assertThat(cache.statistics().hits()).isEqualTo(1);
		assertThat(cache.statistics().misses()).isEqualTo(1);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aResultThatCannotBeEncodedIsKeptInMemoryOnlyAndWarnedAboutOncePerMethod(CapturedOutput output) {
		TieredCache cache = builder().build().getCache("c");
		Object[] values = new Object[3];
		for (int i = 0; i < 3; i++) {
			values[i] = new Object(); // not serializable
			cache.put(key("k" + i), values[i]);
		}

		assertThat(cache.get(key("k0")).get()).isSameAs(values[0]);
		assertThat(far.get("c", "k0")).isNull();
		assertThat(output.getAll().split("could not be encoded", -1)).as("warnings").hasSize(2);
	}

	@Test
	void aResultThatCannotBeEncodedIsAMissWithoutAMemoryTier() {
		TieredCache cache = builder().defaultTiers(List.of("far")).build().getCache("c");
		cache.put(key("k"), new Object());

		assertThat(cache.get(key("k"))).isNull();
		assertThat(cache.statistics().uncachedCalls()).isEqualTo(1);
	}

	@Test
	void anAsynchronousMissRecordsItsComputeTimeWhenItsResultIsPutOnAnotherThread() throws Exception {
		TieredCache cache = builder().build().getCache("c");
		// a miss completes with null, once every tier was read without blocking the caller
		assertThat(cache.retrieve(key("k")).get(5, TimeUnit.SECONDS)).isNull();
		clock.advance(Duration.ofSeconds(1));
		Thread completing = new Thread(() -> {
			try {
				Thread.sleep(60);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			cache.put(key("k"), "v");
		});
		completing.start();
		completing.join();

		assertThat(cache.retrieve(key("k")).get()).isNotNull();
		assertThat(cache.statistics().timeSavedNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(60).toNanos());
	}

	@Test
	void anEvictionDuringAFarReadIsNotUndoneByItsPromotion() throws Exception {
		CountDownLatch read = new CountDownLatch(1);
		CountDownLatch evicted = new CountDownLatch(1);
		EnvelopeMapTier slowFar = new EnvelopeMapTier() {

			@Override
			public dev.cachet.core.envelope.Envelope get(String cache, String key) {
				dev.cachet.core.envelope.Envelope envelope = super.get(cache, key);
				if (envelope != null && read.getCount() > 0) {
					read.countDown();
					try {
						evicted.await(5, TimeUnit.SECONDS); // the eviction runs now, between read and promotion
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return envelope;
			}

		};
		TieredCache cache = TieredCacheManager.builder(new EntrySerializer(new JavaSerializationCodec()), keys)
			.tier("near", near, null)
			.tier("far", slowFar, null)
			.defaultTiers(List.of("near", "far"))
			.clock(clock)
			.build()
			.getCache("c");
		cache.put(key("k"), "old");
		near.clear("c");

		Future<?> reader = pool.submit(() -> cache.get(key("k")));
		assertThat(read.await(5, TimeUnit.SECONDS)).isTrue();
		cache.evict(key("k"));
		evicted.countDown();
		reader.get(5, TimeUnit.SECONDS);

		assertThat(near.get("c", key("k"), clock.millis())).as("the promoted copy of an evicted entry").isNull();
		assertThat(cache.get(key("k"))).isNull();
	}

	@Test
	void hitInFarTierFillsNearTierWithTheSameBytes() {
		EnvelopeMapTier nearBytes = new EnvelopeMapTier();
		TieredCache cache = builder().tier("near", nearBytes, null).build().getCache("c");
		cache.put(key("k"), "value");
		nearBytes.clear("c");
		assertThat(cache.get(key("k")).get()).isEqualTo("value");
		assertThat(nearBytes.get("c", "k").bytes()).isEqualTo(far.get("c", "k").bytes());
	}

	@Test
	void memoryHitsReturnTheInstanceTheLoaderComputed() {
		TieredCache cache = builder().build().getCache("c");
		List<String> computed = new ArrayList<>(List.of("a"));

		assertThat(cache.get(key("k"), () -> computed)).isSameAs(computed);
		assertThat(cache.get(key("k")).get()).isSameAs(computed);
		assertThat(cache.get(key("k"), () -> List.of("other"))).isSameAs(computed);
	}

	@Test
	void copyOnReadHandsOutEqualCopiesThatCallersMayChange() {
		MemoryTier copying = new MemoryTier(10_000_000, true, Runnable::run);
		TieredCache cache = builder().tier("near", copying, null).build().getCache("c");
		List<String> computed = new ArrayList<>(List.of("a"));
		cache.get(key("k"), () -> computed);

		@SuppressWarnings("unchecked")
		List<String> hit = (List<String>) cache.get(key("k")).get();
		assertThat(hit).isEqualTo(computed).isNotSameAs(computed);
		hit.add("changed by the caller");
		assertThat(cache.get(key("k")).get()).isEqualTo(List.of("a"));
	}

	@Test
	void hitInFarTierFillsTheMemoryTierWithTheDecodedInstanceItReturned() {
		TieredCache cache = builder().build().getCache("c");
		cache.put(key("k"), List.of("a", "b"));
		near.clear("c");

		Object served = cache.get(key("k")).get();
		assertThat(served).isEqualTo(List.of("a", "b"));
		assertThat(near.get("c", key("k"), clock.millis()).value()).isSameAs(served);
		assertThat(cache.get(key("k")).get()).as("the memory hit that follows").isSameAs(served);
	}

	@Test
	void entryOlderThanMaxAgeIsAMissAtReadTime() {
		TieredCache cache = builder().defaultMaxAge(Duration.ofHours(1)).build().getCache("c");
		cache.put(key("k"), "v");
		clock.advance(Duration.ofMinutes(59));
		assertThat(cache.get(key("k"))).isNotNull();
		clock.advance(Duration.ofMinutes(2));
		assertThat(cache.get(key("k"))).isNull();
	}

	@Test
	void perCallMaxAgeShorterThanEntryAgeForcesRecompute() {
		TieredCache cache = builder().build().getCache("c");
		AtomicInteger computations = new AtomicInteger();
		assertThat(cache.get(key("k"), () -> "v" + computations.incrementAndGet())).isEqualTo("v1");
		clock.advance(Duration.ofMinutes(10));
		assertThat(cache.get(key("k"), () -> "v" + computations.incrementAndGet())).isEqualTo("v1");
		String fresh = Cachet.with(CallOptions.maxAge(Duration.ofMinutes(5)))
			.call(() -> cache.get(key("k"), () -> "v" + computations.incrementAndGet()));
		assertThat(fresh).isEqualTo("v2");
		assertThat(computations).hasValue(2);
	}

	@Test
	void recomputeNeverReadsAndOverwrites() {
		TieredCache cache = builder().build().getCache("c");
		cache.put(key("k"), "old");
		String value = Cachet.with(CallOptions.recompute()).call(() -> cache.get(key("k"), () -> "new"));
		assertThat(value).isEqualTo("new");
		assertThat(cache.get(key("k")).get()).isEqualTo("new");
		assertThat(Cachet.with(CallOptions.recompute()).call(() -> cache.get(key("k")))).isNull();
	}

	@Test
	void disableNeitherReadsNorWrites() {
		TieredCache cache = builder().build().getCache("c");
		cache.put(key("k"), "cached");
		String value = Cachet.with(CallOptions.disable()).call(() -> cache.get(key("k"), () -> "computed"));
		assertThat(value).isEqualTo("computed");
		Cachet.with(CallOptions.disable()).call(() -> {
			cache.put(key("other"), "x");
			return null;
		});
		assertThat(cache.get(key("other"))).isNull();
		assertThat(cache.get(key("k")).get()).isEqualTo("cached");
	}

	@Test
	void thirtyTwoThreadsOnAColdKeyComputeOnce() throws Exception {
		TieredCache cache = builder().build().getCache("c");
		AtomicInteger computations = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<String>> results = new java.util.ArrayList<>();
		for (int i = 0; i < 32; i++) {
			results.add(pool.submit(() -> {
				start.await();
				return cache.get(key("cold"), () -> {
					computations.incrementAndGet();
					Thread.sleep(200);
					return "value";
				});
			}));
		}
		start.countDown();
		for (Future<String> result : results) {
			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("value");
		}
		assertThat(computations).hasValue(1);
	}

	@Test
	void loaderFailureReachesEveryWaiterAndIsNotCached() {
		TieredCache cache = builder().build().getCache("c");
		assertThatThrownBy(() -> cache.get(key("k"), () -> {
			throw new IllegalStateException("boom");
		})).isInstanceOf(Cache.ValueRetrievalException.class).hasRootCauseMessage("boom");
		assertThat(cache.get(key("k"), () -> "ok")).isEqualTo("ok");
	}

	@Test
	void failingTierIsAMissAndNeverThrows() {
		CacheTier broken = new BrokenTier();
		TieredCache cache = TieredCacheManager.builder(new EntrySerializer(new JavaSerializationCodec()), keys)
			.tier("broken", broken, null)
			.tier("far", far, null)
			.defaultTiers(List.of("broken", "far"))
			.clock(clock)
			.build()
			.getCache("c");
		cache.put(key("k"), "v");
		assertThat(cache.get(key("k")).get()).isEqualTo("v");
		cache.evict(key("k"));
		cache.clear();
		assertThat(cache.get(key("k"))).isNull();
		assertThat(cache.getNativeCache().get(0).statistics().errors()).isGreaterThanOrEqualTo(4);
	}

	@Test
	void undecodableEntryIsAMissAndIsRemoved() throws Exception {
		TieredCache cache = builder().build().getCache("c");
		byte[] garbage = { 1, 2, 3 };
		Envelope foreign = Envelope.create("other-codec", false, false, new EntryMetadata(clock.instant(),
				Duration.ofHours(1), Duration.ZERO, new Producer(Producer.Kind.CACHEABLE, "m", "f"), ""), garbage, 0, garbage.length);
		far.put("c", "k", foreign, Duration.ofHours(1));
		assertThat(cache.get(key("k"))).isNull();
		assertThat(far.get("c", "k")).isNull();
	}

	@Test
	void nullValuesAreCachedWhenAllowed() {
		TieredCache cache = builder().build().getCache("c");
		AtomicInteger computations = new AtomicInteger();
		Object computed = cache.get(key("k"), () -> {
			computations.incrementAndGet();
			return null;
		});
		assertThat(computed).isNull();
		assertThat(cache.get(key("k"))).isNotNull();
		assertThat(cache.get(key("k")).get()).isNull();
		cache.get(key("k"), () -> computations.incrementAndGet());
		assertThat(computations).hasValue(1);
	}

	@Test
	void uncacheableKeysNeverReadOrWrite() {
		TieredCache cache = builder().build().getCache("c");
		CachetKey uncacheable = CachetKey.uncacheable();
		cache.put(uncacheable, "v");
		assertThat(cache.get(uncacheable)).isNull();
		assertThat(near.entryCount().getAsLong()).isZero();
		assertThat(cache.get(uncacheable, () -> "computed")).isEqualTo("computed");
		assertThat(cache.statistics().uncachedCalls()).isEqualTo(2);
	}

	@Test
	void retrieveWithLoaderComputesOnceAndCaches() throws Exception {
		// memory only: its reads complete at once, so the first caller is the one that computes
		TieredCache cache = builder().defaultTiers(List.of("near")).build().getCache("c");
		AtomicInteger computations = new AtomicInteger();
		CompletableFuture<String> slow = new CompletableFuture<>();
		CompletableFuture<String> first = cache.retrieve(key("k"), () -> {
			computations.incrementAndGet();
			return slow;
		});
		CompletableFuture<String> second = cache.retrieve(key("k"), () -> {
			computations.incrementAndGet();
			return CompletableFuture.completedFuture("other");
		});
		slow.complete("async");
		assertThat(first.get()).isEqualTo("async");
		assertThat(second.get()).isEqualTo("async");
		assertThat(computations).hasValue(1);
		assertThat(cache.retrieve(key("k")).get()).isInstanceOfSatisfying(Cache.ValueWrapper.class,
				wrapper -> assertThat(wrapper.get()).isEqualTo("async"));
		assertThat(cache.retrieve(key("missing")).get(5, TimeUnit.SECONDS)).isNull();
	}

	@Test
	void storageCapLimitsHowLongATierKeepsAnEntry() {
		MemoryTier capped = new MemoryTier(1_000_000);
		TieredCache cache = TieredCacheManager.builder(new EntrySerializer(new JavaSerializationCodec()), keys)
			.tier("capped", capped, Duration.ofMillis(1))
			.defaultTiers(List.of("capped"))
			.clock(clock)
			.build()
			.getCache("c");
		cache.put(key("k"), "v");
		assertThat(capped.get("c", key("k"), clock.millis())).as("held within its storage time").isNotNull();
		clock.advance(Duration.ofMillis(1));
		assertThat(capped.get("c", key("k"), clock.millis())).isNull();
	}

	@Test
	void evictIfPresentAnswersWhetherATierHeldTheEntry() {
		TieredCache cache = builder().build().getCache("c");
		assertThat(cache.evictIfPresent(key("k1"))).as("nothing there").isFalse();
		cache.put(key("k1"), "v1");
		near.evict("c", "k1");
		assertThat(cache.evictIfPresent(key("k1"))).as("held by the far tier only").isTrue();
		assertThat(far.get("c", "k1")).isNull();
		assertThat(cache.evictIfPresent(key("k1"))).as("already removed").isFalse();
		assertThat(cache.evictIfPresent(new Object())).as("a key that cannot be hashed").isFalse();
	}

	@Test
	void nativeCacheIsTheTiersInLookupOrderAndSaysSo() {
		TieredCache cache = builder().build().getCache("c");
		assertThat(cache.getNativeCache()).extracting(TierBinding::name).containsExactly("near", "far");
		assertThat(cache.getNativeCache().getClass().getName()).isEqualTo("dev.cachet.core.cache.CacheTiers");
		assertThat(cache.getNativeCache()).hasToString("CacheTiers[c: near -> far]");
	}

	@Test
	void managerListsTheDefaultTiersInLookupOrderFirst() {
		CacheTier spare = new MemoryTier(1_000);
		TieredCacheManager manager = builder().tier("spare", spare, null).defaultTiers(List.of("far", "near")).build();
		assertThat(manager.tiers().keySet()).containsExactly("far", "near", "spare");
	}

	@Test
	void unknownTierNameIsRefused() {
		assertThatThrownBy(() -> builder().defaultTiers(List.of("near", "nowhere")).build())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("nowhere");
	}

	/** A tier whose every call fails, like an unreachable server. */
	private static final class BrokenTier implements CacheTier {

		@Override
		public String type() {
			return "broken";
		}

		@Override
		public String location() {
			return "nowhere";
		}

		@Override
		public Envelope get(String cache, String key) throws Exception {
			throw new java.io.IOException("down");
		}

		@Override
		public void put(String cache, String key, Envelope envelope, Duration storageTtl) throws Exception {
			throw new java.io.IOException("down");
		}

		@Override
		public void evict(String cache, String key) throws Exception {
			throw new java.io.IOException("down");
		}

		@Override
		public void clear(String cache) throws Exception {
			throw new java.io.IOException("down");
		}

	}

}
