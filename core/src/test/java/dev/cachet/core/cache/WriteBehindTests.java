package dev.cachet.core.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.key.CacheAddresses;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.method.Caller;
import dev.cachet.core.tier.KeyLease;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results of {@code @Cacheable} calls reach the tiers that store bytes after the call returned: a
 * full queue drops writes instead of blocking, a pending result is still served once, evictions win
 * over queued writes, the lease is held until the write landed, and closing finishes the queue.
 */
class WriteBehindTests {

	private final CachedMethods methods = new CachedMethods(
			new MethodFingerprinter(new FingerprintSettings(List.of(), true, "")));

	private final CachetKeyGenerator keys = new CachetKeyGenerator(methods,
			new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of()));

	private final GatedTier slow = new GatedTier();

	private final ExecutorService pool = Executors.newFixedThreadPool(8);

	private final List<TieredCacheManager> managers = new ArrayList<>();

	@AfterEach
	void shutdown() {
		slow.open();
		managers.forEach(TieredCacheManager::close);
		pool.shutdownNow();
	}

	public String report(String id) {
		return "report " + id;
	}

	private TieredCacheManager manager(int capacity, List<String> tiers, KeyLease lease) {
		TieredCacheManager manager = TieredCacheManager.builder(new EntrySerializer(new JavaSerializationCodec()), keys)
			.tier("memory", new MemoryTier(1 << 20, false, Runnable::run), null)
			.tier("slow", slow, null)
			.defaultTiers(tiers)
			.writeBehindCapacity(capacity)
			.lease(lease)
			.build();
		managers.add(manager);
		return manager;
	}

	/** The cache as the {@code @Cacheable} method {@link #report} sees it. */
	private TieredCache reports(TieredCacheManager manager) throws NoSuchMethodException {
		CachedMethod method = methods.resolve(getClass(), getClass().getMethod("report", String.class));
		return manager.getCache("reports").bind(new Caller(method, Caller.Role.CACHEABLE));
	}

	@Test
	void aFullQueueDropsWritesAndNeverBlocksTheCaller() throws Exception {
		TieredCacheManager manager = manager(1, List.of("memory", "slow"), null);
		TieredCache cache = reports(manager);

		Future<?> calls = pool.submit(() -> {
			for (int i = 0; i < 6; i++) {
				String id = "r" + i;
				assertThat(cache.get(CachetKey.of(id), () -> report(id))).isEqualTo("report " + id);
			}
		});
		calls.get(10, TimeUnit.SECONDS); // the tier's writer is stuck: callers must still return

		TierBinding binding = manager.tiers().get("slow");
		assertThat(binding.statistics().dropped()).as("one write running, one queued, the rest dropped")
			.isEqualTo(4);
		slow.open();
		assertThat(manager.awaitWrites(Duration.ofSeconds(10))).isTrue();
		assertThat(slow.puts()).isEqualTo(2);
	}

	@Test
	void aResultWhoseWriteIsPendingIsServedWithoutComputingAgain() throws Exception {
		TieredCache cache = reports(manager(16, List.of("slow"), null));
		AtomicInteger computations = new AtomicInteger();

		cache.get(CachetKey.of("k"), () -> computations.incrementAndGet() + "");
		Object second = cache.get(CachetKey.of("k"), () -> computations.incrementAndGet() + "");

		assertThat(slow.puts()).as("the write has not landed").isZero();
		assertThat(second).isEqualTo("1");
		assertThat(computations).hasValue(1);
	}

	@Test
	void anEvictionWinsOverAQueuedWrite() throws Exception {
		TieredCacheManager manager = manager(16, List.of("memory", "slow"), null);
		TieredCache cache = reports(manager);
		cache.get(CachetKey.of("blocker"), () -> "first"); // occupies the writer
		cache.get(CachetKey.of("k"), () -> "old");

		cache.evict(CachetKey.of("k"));
		assertThat(cache.get(CachetKey.of("k"))).as("right after the eviction").isNull();
		slow.open();
		assertThat(manager.awaitWrites(Duration.ofSeconds(10))).isTrue();

		assertThat(slow.get("reports", CachetKey.of("k").id())).as("the queued write of the evicted value").isNull();
		assertThat(slow.get("reports", CachetKey.of("blocker").id())).isNotNull();
		assertThat(cache.get(CachetKey.of("k"))).isNull();
	}

	@Test
	void evictIfPresentCountsAResultWhoseWriteIsStillQueued() throws Exception {
		TieredCacheManager manager = manager(16, List.of("slow"), null);
		TieredCache cache = reports(manager);
		cache.get(CachetKey.of("k"), () -> "queued");

		assertThat(cache.evictIfPresent(CachetKey.of("k"))).isTrue();
		assertThat(cache.get(CachetKey.of("k"))).isNull();
		slow.open();
		assertThat(manager.awaitWrites(Duration.ofSeconds(10))).isTrue();
		assertThat(slow.get("reports", CachetKey.of("k").id())).isNull();
	}

	@Test
	void theLeaseIsReleasedOnlyOnceTheWriteHasLanded() throws Exception {
		RecordingLease lease = new RecordingLease();
		TieredCacheManager manager = manager(16, List.of("memory", "slow"), lease);
		TieredCache cache = reports(manager);

		assertThat(cache.get(CachetKey.of("k"), () -> "value")).isEqualTo("value");
		assertThat(lease.released).as("released while the shared write is still queued").isFalse();

		slow.open();
		assertThat(manager.awaitWrites(Duration.ofSeconds(10))).isTrue();
		assertThat(slow.get("reports", CachetKey.of("k").id())).isNotNull();
		assertThat(lease.released).isTrue();
	}

	@Test
	void closingFinishesTheQueuedWrites() throws Exception {
		TieredCacheManager manager = manager(64, List.of("memory", "slow"), null);
		TieredCache cache = reports(manager);
		for (int i = 0; i < 20; i++) {
			String id = "r" + i;
			cache.get(CachetKey.of(id), () -> report(id));
		}
		assertThat(slow.puts()).isZero();

		pool.submit(() -> {
			sleep(100);
			slow.open();
		});
		manager.close();

		assertThat(slow.puts()).isEqualTo(20);
		for (int i = 0; i < 20; i++) {
			assertThat(slow.get("reports", CachetKey.of("r" + i).id())).isNotNull();
		}
	}

	@Test
	void aPutIsInEveryTierWhenItReturns() throws Exception {
		slow.open();
		TieredCacheManager manager = manager(16, List.of("memory", "slow"), null);
		manager.getCache("reports").put(CachetKey.of("k"), "put");

		assertThat(slow.get("reports", CachetKey.of("k").id())).isNotNull();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A tier whose writes wait until the test opens it. */
	private static final class GatedTier extends EnvelopeMapTier {

		private final CountDownLatch gate = new CountDownLatch(1);

		private final AtomicInteger puts = new AtomicInteger();

		@Override
		public void put(String cache, String key, Envelope envelope, Duration storageTtl) {
			try {
				gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			super.put(cache, key, envelope, storageTtl);
			puts.incrementAndGet();
		}

		void open() {
			gate.countDown();
		}

		int puts() {
			return puts.get();
		}

	}

	/** A lease always granted, remembering whether it was released. */
	private static final class RecordingLease implements KeyLease {

		volatile boolean released;

		@Override
		public Handle tryAcquire(String cache, String key, Duration leaseTime) {
			AtomicBoolean closed = new AtomicBoolean();
			return new Handle() {

				@Override
				public boolean acquired() {
					return true;
				}

				@Override
				public void close() {
					if (closed.compareAndSet(false, true)) {
						released = true;
					}
				}

			};
		}

		@Override
		public boolean awaitRelease(String cache, String key, Duration maxWait) {
			return true;
		}

	}

}
