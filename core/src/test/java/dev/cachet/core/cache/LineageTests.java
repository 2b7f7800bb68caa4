package dev.cachet.core.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.key.CacheAddresses;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A result computed from other cached results is served only while they are unchanged: evicted,
 * cleared or overwritten inputs make it a miss, in turn for results computed from it; an unrelated
 * change does not; and it expires no later than the first of its inputs.
 */
class LineageTests {

	private final MutableClock clock = new MutableClock();

	private final EnvelopeMapTier disk = new EnvelopeMapTier();

	private final List<TieredCacheManager> managers = new ArrayList<>();

	private final AtomicInteger reports = new AtomicInteger();

	private final AtomicInteger summaries = new AtomicInteger();

	@AfterEach
	void close() {
		managers.forEach(TieredCacheManager::close);
	}

	private TieredCacheManager manager() {
		return manager(true);
	}

	private TieredCacheManager manager(boolean lineage) {
		CachedMethods methods = new CachedMethods(new MethodFingerprinter(new FingerprintSettings(List.of(), true, "")));
		CachetKeyGenerator keys = new CachetKeyGenerator(methods,
				new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of()));
		TieredCacheManager manager = TieredCacheManager.builder(new EntrySerializer(new JavaSerializationCodec()), keys)
			.tier("memory", new MemoryTier(1 << 20, false, Runnable::run), null)
			.tier("disk", disk, null)
			.defaultTiers(List.of("memory", "disk"))
			.defaultMaxAge(Duration.ofHours(1))
			.cache("prices", new CacheOverrides(Duration.ofMinutes(10), null, null))
			.clock(clock)
			.lineage(lineage)
			.build();
		managers.add(manager);
		return manager;
	}

	/** A report built from two cached lookups. */
	private String report(TieredCacheManager manager, String id) {
		return manager.getCache("reports").get(id, () -> {
			reports.incrementAndGet();
			return id + ": " + manager.getCache("prices").get("p-" + id, () -> 100) + " x "
					+ manager.getCache("rates").get("eur", () -> 2);
		});
	}

	/** A summary built from a report. */
	private String summary(TieredCacheManager manager, String id) {
		return manager.getCache("summaries").get(id, () -> {
			summaries.incrementAndGet();
			return "summary of " + report(manager, id);
		});
	}

	@Test
	void evictingAnInputRecomputesTheReportAndAnUnrelatedEvictionDoesNot() {
		TieredCacheManager manager = manager();
		assertThat(report(manager, "a")).isEqualTo("a: 100 x 2");
		assertThat(report(manager, "b")).isEqualTo("b: 100 x 2");
		assertThat(report(manager, "a")).isEqualTo("a: 100 x 2");
		assertThat(reports).hasValue(2);

		manager.getCache("prices").evict("p-b");
		manager.getCache("other").evict("a");
		assertThat(report(manager, "a")).as("its inputs are unchanged").isEqualTo("a: 100 x 2");
		assertThat(reports).hasValue(2);

		manager.getCache("prices").evict("p-a");
		assertThat(report(manager, "a")).isEqualTo("a: 100 x 2");
		assertThat(reports).as("recomputed after its price was evicted").hasValue(3);
		assertThat(manager.getCache("reports").statistics().rejected(MissReason.INPUT_CHANGED)).isPositive();
	}

	@Test
	void anOverwrittenOrClearedInputRecomputesTheReport() {
		TieredCacheManager manager = manager();
		report(manager, "a");
		manager.getCache("prices").put("p-a", 120);
		assertThat(report(manager, "a")).isEqualTo("a: 120 x 2");
		assertThat(reports).hasValue(2);
		assertThat(report(manager, "a")).isEqualTo("a: 120 x 2");
		assertThat(reports).hasValue(2);

		manager.getCache("rates").clear();
		assertThat(report(manager, "a")).isEqualTo("a: 120 x 2");
		assertThat(reports).hasValue(3);
	}

	@Test
	void aResultBuiltFromAReportRecomputesWhenTheReportsInputChanges() {
		TieredCacheManager manager = manager();
		assertThat(summary(manager, "a")).isEqualTo("summary of a: 100 x 2");
		assertThat(summary(manager, "a")).isEqualTo("summary of a: 100 x 2");
		assertThat(summaries).hasValue(1);

		// the report is still in its cache; only what it was built from changed
		manager.getCache("rates").evict("eur");
		assertThat(summary(manager, "a")).isEqualTo("summary of a: 100 x 2");
		assertThat(summaries).hasValue(2);
		assertThat(reports).hasValue(2);
	}

	@Test
	void aReportExpiresWithTheFirstOfItsInputs() {
		TieredCacheManager manager = manager();
		report(manager, "a");
		clock.advance(Duration.ofMinutes(9));
		report(manager, "a");
		assertThat(reports).hasValue(1);
		clock.advance(Duration.ofMinutes(2));
		report(manager, "a");
		assertThat(reports).as("its price's max-age of 10 minutes ended, an hour before its own").hasValue(2);
	}

	@Test
	void inputsAreCheckedInTheTiersThatStoreBytesAfterARestart() throws Exception {
		TieredCacheManager first = manager();
		report(first, "a");
		assertThat(first.awaitWrites(Duration.ofSeconds(30))).isTrue();

		TieredCacheManager restarted = manager();
		assertThat(report(restarted, "a")).isEqualTo("a: 100 x 2");
		assertThat(reports).as("served from disk, its inputs found there too").hasValue(1);

		restarted.getCache("prices").evict("p-a");
		assertThat(report(restarted, "a")).isEqualTo("a: 100 x 2");
		assertThat(reports).hasValue(2);
	}

	@Test
	void aResultBuiltFromMoreInputsThanAnEntryRecordsIsNotStored() {
		TieredCacheManager manager = manager();
		AtomicInteger totals = new AtomicInteger();
		for (int round = 0; round < 2; round++) {
			manager.getCache("totals").get("all", () -> {
				totals.incrementAndGet();
				int sum = 0;
				for (int i = 0; i <= dev.cachet.core.envelope.EntryInputs.MAX_INPUTS; i++) {
					int price = i;
					sum += manager.getCache("prices").get("p" + i, () -> price);
				}
				return sum;
			});
		}
		assertThat(totals).as("computed each time, never served from an entry that forgot inputs").hasValue(2);
	}

	@Test
	void aLookupOutsideAnyComputationRecordsNothing() {
		TieredCacheManager manager = manager();
		manager.getCache("prices").get("p-a", () -> 100);
		report(manager, "a");
		assertThat(report(manager, "a")).isEqualTo("a: 100 x 2");
		assertThat(reports).hasValue(1);
	}

	@Test
	void theGraphKnowsEachInputsDependentsAndWhichCachesFeedWhich() {
		TieredCacheManager manager = manager();
		summary(manager, "a");
		assertThat(manager.lineage().feeds()).extracting(feed -> feed.from() + " > " + feed.to() + " " + feed.reads())
			.containsExactly("prices > reports 1", "rates > reports 1", "reports > summaries 1");
		assertThat(manager.lineage().fedBy("prices")).containsExactly("reports");
		assertThat(manager.getCache("reports").inspect(manager.keyGenerator().addresses().addressOf("a")).inputs().inputs())
			.extracting(input -> input.cache())
			.containsExactly("prices", "rates");
	}

	@Test
	void withLineageOffAReportRecordsNothingAndOutlivesItsInputs() {
		TieredCacheManager manager = manager(false);
		report(manager, "a");
		manager.getCache("prices").evict("p-a");
		report(manager, "a");
		assertThat(reports).hasValue(1);
		assertThat(manager.getCache("reports").inspect(manager.keyGenerator().addresses().addressOf("a")).inputs())
			.isEqualTo(dev.cachet.core.envelope.EntryInputs.NONE);
		assertThat(manager.lineage().feeds()).isEmpty();
	}

	@Test
	void anUnsignedEntryNamingInputsIsRejectedBeforeAnyInputIsLookedUp() throws Exception {
		CachedMethods methods = new CachedMethods(new MethodFingerprinter(new FingerprintSettings(List.of(), true, "")));
		CachetKeyGenerator keys = new CachetKeyGenerator(methods,
				new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of()));
		EntrySerializer serializer = new EntrySerializer(new JavaSerializationCodec());
		TieredCacheManager manager = TieredCacheManager.builder(serializer, keys)
			.tier("disk", disk, null)
			.defaultTiers(List.of("disk"))
			.signer(dev.cachet.core.envelope.EnvelopeSigner.of(List.of("0123456789abcdef0123456789abcdef".getBytes())), true)
			.clock(clock)
			.build();
		managers.add(manager);
		String key = keys.addresses().addressOf("a").id();
		dev.cachet.core.envelope.EntryInputs forged = new dev.cachet.core.envelope.EntryInputs(
				List.of(new dev.cachet.core.envelope.EntryInputs.Input("forged-cache", key, 1L)), Long.MAX_VALUE);
		disk.put("reports", key, serializer.serialize("forged", new dev.cachet.core.envelope.EntryMetadata(clock.instant(),
				Duration.ofHours(1), Duration.ZERO, dev.cachet.core.envelope.Producer.PROGRAMMATIC,
				dev.cachet.core.envelope.EntryMetadata.address("reports", key), 7L, forged),
				dev.cachet.core.envelope.EnvelopeSigner.none()), Duration.ofHours(1));

		assertThat(manager.getCache("reports").get("a")).isNull();
		assertThat(manager.getCache("reports").statistics().rejected(MissReason.BAD_SIGNATURE)).isEqualTo(1);
		assertThat(manager.getCacheNames()).doesNotContain("forged-cache");
	}

	@Test
	void aComputationThatWaitedForAnotherThreadsLoadRecordsWhatItGot() throws Exception {
		TieredCacheManager manager = manager();
		java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		AtomicInteger summaryRuns = new AtomicInteger();
		java.util.function.Function<String, String> summary = id -> manager.getCache("summaries").get(id, () -> {
			summaryRuns.incrementAndGet();
			return id + " of " + manager.getCache("reports").get("shared", () -> {
				entered.countDown();
				assertThat(release.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
				return "report of " + manager.getCache("prices").get("p", () -> 1);
			});
		});
		List<Thread> threads = new ArrayList<>();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2, task -> {
			Thread thread = new Thread(task);
			threads.add(thread);
			return thread;
		});
		try {
			var first = pool.submit(() -> summary.apply("s1"));
			assertThat(entered.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			var second = pool.submit(() -> summary.apply("s2"));
			// the second summary waits for the first one's computation of the shared report
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> threads.size() == 2 && threads.get(1).getState() == Thread.State.WAITING);
			release.countDown();
			assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("s1 of report of 1");
			assertThat(second.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("s2 of report of 1");
		}
		finally {
			pool.shutdownNow();
		}
		manager.getCache("prices").evict("p");
		summary.apply("s1");
		summary.apply("s2");
		assertThat(summaryRuns).as("both summaries recorded the report, so both are recomputed").hasValue(4);
	}

	@Test
	void anAsynchronousResultRecordsWhatItsLoaderReadBeforeReturningItsFuture() throws Exception {
		TieredCacheManager manager = manager();
		AtomicInteger loads = new AtomicInteger();
		java.util.function.Supplier<String> report = () -> manager.getCache("reports").retrieve("async", () -> {
			loads.incrementAndGet();
			int price = manager.getCache("prices").get("p-async", () -> 100);
			return java.util.concurrent.CompletableFuture.supplyAsync(() -> "async: " + price);
		}).join().toString();
		assertThat(report.get()).isEqualTo("async: 100");
		assertThat(report.get()).isEqualTo("async: 100");
		assertThat(loads).hasValue(1);
		manager.getCache("prices").evict("p-async");
		assertThat(report.get()).isEqualTo("async: 100");
		assertThat(loads).as("its price, read before the future was returned, was evicted").hasValue(2);
	}

	@Test
	void theReadPathWarmUpReadsAndChecksEachLocalTierAndLeavesNothingBehind() {
		TieredCacheManager manager = manager();
		manager.warmUp();
		assertThat(disk.writesWithInputs()).as("an entry recording an input").isEqualTo(1);
		assertThat(disk.reads()).as("read back, checked as an input is, and its own input checked").isGreaterThanOrEqualTo(3);
		assertThat(disk.size()).isZero();
		assertThat(manager.getCacheNames()).isEmpty();
	}

}
