package dev.cachet.core.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;

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
import dev.cachet.core.policy.CallOptions;
import dev.cachet.core.policy.Cachet;
import dev.cachet.core.policy.StaleWindows;
import dev.cachet.core.tier.KeyLease;
import dev.cachet.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Entries past their max-age within stale-while-revalidate are served at once while one background
 * recomputation runs, in one JVM and across instances; within stale-if-error they answer a failing
 * recomputation; an entry whose producer's code changed is never served, whatever the windows.
 */
class StaleWindowsTests {

	private static final Duration MAX_AGE = Duration.ofHours(1);

	private static final CachetKey KEY = CachetKey.of("r1");

	private final MutableClock clock = new MutableClock();

	private final EnvelopeMapTier shared = new EnvelopeMapTier();

	private final MapLease lease = new MapLease();

	private final ExecutorService pool = Executors.newFixedThreadPool(16);

	private final List<TieredCacheManager> managers = new ArrayList<>();

	private final AtomicInteger computations = new AtomicInteger();

	private final CountDownLatch started = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void shutdown() {
		release.countDown();
		managers.forEach(TieredCacheManager::close);
		pool.shutdownNow();
	}

	public String report(String id) {
		return "report " + id;
	}

	/** A recomputation that waits for the test to let it finish. */
	private String blockedRecomputation() throws InterruptedException {
		computations.incrementAndGet();
		started.countDown();
		assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
		return "fresh";
	}

	private String failingRecomputation() {
		computations.incrementAndGet();
		throw new IllegalStateException("backend down");
	}

	/** An instance: its own memory tier in front of the shared one, with the same lease. */
	private TieredCache instance(String salt, StaleWindows windows) throws Exception {
		CachedMethods methods = new CachedMethods(new MethodFingerprinter(new FingerprintSettings(List.of(), true, salt)));
		CachetKeyGenerator keys = new CachetKeyGenerator(methods,
				new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of()));
		TieredCacheManager manager = TieredCacheManager.builder(new EntrySerializer(new JavaSerializationCodec()), keys)
			.tier("memory", new MemoryTier(1 << 20, false, Runnable::run), null)
			.tier("shared", shared, null)
			.defaultTiers(List.of("memory", "shared"))
			.defaultMaxAge(MAX_AGE)
			.defaultStaleWindows(windows)
			.lease(lease)
			.clock(clock)
			.build();
		managers.add(manager);
		CachedMethod method = methods.resolve(getClass(), getClass().getMethod("report", String.class));
		return manager.getCache("reports").bind(new Caller(method, Caller.Role.CACHEABLE));
	}

	/** Writes the first value and lets it age {@code age}. */
	private void written(TieredCache cache, Duration age) throws Exception {
		assertThat(cache.get(KEY, () -> "first")).isEqualTo("first");
		for (TieredCacheManager manager : managers) {
			assertThat(manager.awaitWrites(Duration.ofSeconds(30))).isTrue();
		}
		clock.advance(age);
	}

	@Test
	void aStaleHitReturnsAtOnceWhileOneBackgroundRecomputationRuns() throws Exception {
		TieredCache cache = instance("", new StaleWindows(Duration.ofMinutes(10), null));
		written(cache, Duration.ofMinutes(65));

		List<Future<Object>> callers = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			callers.add(pool.submit(() -> cache.get(KEY, this::blockedRecomputation)));
		}
		for (Future<Object> caller : callers) {
			assertThat(caller.get(30, TimeUnit.SECONDS)).as("served before the recomputation ends").isEqualTo("first");
		}
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(release.getCount()).as("every caller returned while the recomputation was blocked").isOne();
		assertThat(cache.statistics().staleHits()).isEqualTo(64);

		release.countDown();
		awaitUntil(() -> cache.statistics().refreshes() == 1);
		assertThat(cache.get(KEY, this::failingRecomputation)).isEqualTo("fresh");
		assertThat(computations).hasValue(1);
	}

	@Test
	void twoInstancesRunOneRecomputationBetweenThem() throws Exception {
		StaleWindows windows = new StaleWindows(Duration.ofMinutes(10), null);
		TieredCache first = instance("", windows);
		TieredCache second = instance("", windows);
		written(first, Duration.ofMinutes(65));

		List<Future<Object>> callers = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			TieredCache cache = (i % 2 == 0) ? first : second;
			callers.add(pool.submit(() -> cache.get(KEY, this::blockedRecomputation)));
		}
		for (Future<Object> caller : callers) {
			assertThat(caller.get(30, TimeUnit.SECONDS)).isEqualTo("first");
		}
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
		// the instance that did not get the lease skips its refresh instead of computing
		awaitUntil(() -> first.statistics().refreshesSkipped() + second.statistics().refreshesSkipped() > 0);

		release.countDown();
		awaitUntil(() -> first.statistics().refreshes() + second.statistics().refreshes() == 1);
		assertThat(first.get(KEY, this::failingRecomputation)).isEqualTo("fresh");
		assertThat(second.get(KEY, this::failingRecomputation)).isEqualTo("fresh");
		assertThat(computations).as("one recomputation across both instances").hasValue(1);
	}

	@Test
	void aFailingRecomputationServesTheStaleEntryWithinStaleIfErrorAndThrowsAfter() throws Exception {
		TieredCache cache = instance("", new StaleWindows(null, Duration.ofHours(1)));
		written(cache, Duration.ofMinutes(90));

		assertThat(cache.get(KEY, this::failingRecomputation)).isEqualTo("first");
		assertThat(cache.statistics().staleIfErrorServes()).isOne();
		assertThat(cache.statistics().staleHits()).as("not served before the recomputation failed").isZero();

		clock.advance(Duration.ofMinutes(31));
		assertThatExceptionOfType(Cache.ValueRetrievalException.class)
			.isThrownBy(() -> cache.get(KEY, this::failingRecomputation))
			.withRootCauseInstanceOf(IllegalStateException.class);
		assertThat(computations).hasValue(2);
		assertThat(cache.get(KEY, () -> "recovered")).isEqualTo("recovered");
	}

	@Test
	void anEntryWhoseCodeChangedIsNeverServedStale() throws Exception {
		StaleWindows windows = new StaleWindows(Duration.ofHours(1), Duration.ofHours(1));
		TieredCache oldVersion = instance("", windows);
		TieredCache newVersion = instance("changed code", windows);
		written(oldVersion, Duration.ofMinutes(65));

		assertThatExceptionOfType(Cache.ValueRetrievalException.class)
			.isThrownBy(() -> newVersion.get(KEY, this::failingRecomputation));
		assertThat(newVersion.statistics().rejected(MissReason.CODE_CHANGED)).isPositive();
		assertThat(newVersion.get(KEY, () -> "recomputed")).as("computed on the caller's thread, not served stale")
			.isEqualTo("recomputed");
		assertThat(newVersion.statistics().staleHits() + newVersion.statistics().staleIfErrorServes()).isZero();
	}

	@Test
	void tiersKeepAnEntryForItsMaxAgePlusTheLargerWindow() throws Exception {
		TieredCache cache = instance("", new StaleWindows(Duration.ofMinutes(10), Duration.ofHours(2)));
		written(cache, Duration.ZERO);
		TierBinding binding = managers.get(0).tiers().get("shared");
		var envelope = shared.get("reports", KEY.id());
		assertThat(envelope).isNotNull();
		assertThat(binding.storageTtl(envelope.metadata(), clock.instant()))
			.isEqualTo(MAX_AGE.plus(Duration.ofHours(2)));
	}

	@Test
	void aPerCallWindowReachesOnlyWhatTiersHoldAndNeverLengthensStorage() throws Exception {
		TieredCache cache = instance("", StaleWindows.NONE);
		Cachet.with(CallOptions.staleIfError(Duration.ofHours(2))).call(() -> cache.get(KEY, () -> "first"));
		assertThat(managers.get(0).awaitWrites(Duration.ofSeconds(30))).isTrue();
		var envelope = shared.get("reports", KEY.id());
		assertThat(envelope).isNotNull();
		assertThat(managers.get(0).tiers().get("shared").storageTtl(envelope.metadata(), clock.instant()))
			.isEqualTo(MAX_AGE);

		clock.advance(Duration.ofMinutes(90));
		assertThat(Cachet.with(CallOptions.staleIfError(Duration.ofHours(1)))
			.call(() -> cache.get(KEY, this::failingRecomputation))).as("the memory tier still holds it")
			.isEqualTo("first");
	}

	private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(condition.getAsBoolean()).as("condition reached").isTrue();
	}

	/** A lease in one map, as Redis holds it for every instance. */
	private static final class MapLease implements KeyLease {

		private final Map<String, Object> held = new ConcurrentHashMap<>();

		@Override
		public Handle tryAcquire(String cache, String key, Duration leaseTime) {
			String id = cache + '/' + key;
			Object owner = new Object();
			boolean acquired = held.putIfAbsent(id, owner) == null;
			return new Handle() {

				@Override
				public boolean acquired() {
					return acquired;
				}

				@Override
				public void close() {
					if (acquired) {
						held.remove(id, owner);
					}
				}

			};
		}

		@Override
		public boolean awaitRelease(String cache, String key, Duration maxWait) throws InterruptedException {
			long deadline = System.nanoTime() + maxWait.toNanos();
			while (held.containsKey(cache + '/' + key) && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			return !held.containsKey(cache + '/' + key);
		}

	}

}
