package dev.cachet.core.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.Producer;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.core.tier.TierInspection;
import dev.cachet.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Evictions and clears a failing tier could not apply are applied before it serves again, and never
 * undo a newer write.
 */
class PendingEvictionsTests {

	private static final Duration TTL = Duration.ofHours(1);

	private final MutableClock clock = new MutableClock();

	private final FlakyTier tier = new FlakyTier();

	private final TierBinding binding = new TierBinding("remote", tier, null, false);

	private final RecordingBus bus = new RecordingBus();

	private final PendingEvictions pending = new PendingEvictions(bus, clock);

	private final TierOperations operations = new TierOperations(bus, clock);

	private final ExecutorService pool = Executors.newSingleThreadExecutor();

	@AfterEach
	void close() {
		pending.close();
		operations.close();
		pool.shutdownNow();
	}

	@Test
	void aReadFirstAppliesThePendingEvictionAndIsAMissWhileItCannot() throws Exception {
		tier.put("c", "k", envelope("k", "old"), TTL);
		tier.evictionsFail = true;
		operations.evict(List.of(binding), "c", "k", true);
		assertThat(tier.get("c", "k")).as("still in the tier").isNotNull();

		assertThat(operations.get(binding, "c", "k")).as("never served while the eviction fails").isNull();

		tier.evictionsFail = false;
		assertThat(operations.get(binding, "c", "k")).isNull();
		assertThat(tier.get("c", "k")).as("the read applied the eviction").isNull();
		assertThat(bus.evicted).as("announced, and again once applied to the shared tier")
			.containsExactly("c/k", "c/k");
		tier.put("c", "k", envelope("k", "new"), TTL);
		assertThat(operations.get(binding, "c", "k")).as("nothing pending any more").isNotNull();
	}

	@Test
	void theBackgroundRetryAppliesAPendingEvictionOnceTheTierRecovers() throws Exception {
		tier.put("c", "k", envelope("k", "old"), TTL);
		tier.evictionsFail = true;
		operations.evict(List.of(binding), "c", "k", false);
		tier.evictionsFail = false;

		long deadline = System.nanoTime() + PendingEvictions.RETRY_INTERVAL.multipliedBy(5).toNanos();
		while (tier.get("c", "k") != null && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(tier.get("c", "k")).as("removed without any read").isNull();
		assertThat(bus.evicted).as("announced once applied").containsExactly("c/k");
	}

	@Test
	void aSuccessfulWriteSupersedesThePendingEvictionWhichThenNeverDeletesIt() throws Exception {
		tier.put("c", "k", envelope("k", "old"), TTL);
		tier.evictionsFail = true;
		assertThatThrownBy(() -> pending.evict(binding, "c", "k")).isInstanceOf(IOException.class);

		Envelope newer = envelope("k", "new");
		assertThat(pending.write(binding, "c", "k", () -> tier.put("c", "k", newer, TTL))).isTrue();
		tier.evictionsFail = false;
		pending.retry();

		assertThat(pending.beforeRead(binding, "c", "k")).isTrue();
		assertThat(tier.get("c", "k")).isSameAs(newer);
		assertThat(tier.evictCalls).as("no eviction ran after the write").hasValue(1);
	}

	@Test
	void aFailedWriteLeavesTheEvictionPending() throws Exception {
		tier.put("c", "k", envelope("k", "old"), TTL);
		tier.evictionsFail = true;
		tier.putsFail = true;
		assertThatThrownBy(() -> pending.evict(binding, "c", "k")).isInstanceOf(IOException.class);
		assertThatThrownBy(() -> pending.write(binding, "c", "k", () -> tier.put("c", "k", envelope("k", "new"), TTL)))
			.isInstanceOf(IOException.class);

		tier.evictionsFail = false;
		pending.retry();
		assertThat(tier.get("c", "k")).isNull();
	}

	@Test
	void noWriteOrReadRunsWhileAnotherThreadAppliesTheEviction() throws Exception {
		tier.evictionsFail = true;
		assertThatThrownBy(() -> pending.evict(binding, "c", "k")).isInstanceOf(IOException.class);
		tier.evictionsFail = false;
		CountDownLatch inEvict = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		tier.evictGate = () -> {
			inEvict.countDown();
			release.await(10, TimeUnit.SECONDS);
		};
		Future<?> retry = pool.submit(pending::retry);
		assertThat(inEvict.await(10, TimeUnit.SECONDS)).isTrue();

		AtomicInteger puts = new AtomicInteger();
		assertThat(pending.write(binding, "c", "k", puts::incrementAndGet)).as("write skipped").isFalse();
		assertThat(pending.beforeRead(binding, "c", "k")).as("read is a miss").isFalse();
		assertThat(puts).hasValue(0);

		release.countDown();
		retry.get(10, TimeUnit.SECONDS);
		assertThat(pending.write(binding, "c", "k", puts::incrementAndGet)).isTrue();
		assertThat(pending.beforeRead(binding, "c", "k")).isTrue();
		assertThat(puts).hasValue(1);
	}

	@Test
	void aPendingClearHidesTheOlderEntriesAndRemovesOnlyThemWhereTheTierListsEntries() throws Exception {
		Envelope older = envelope("old", "old");
		tier.put("c", "old", older, TTL);
		tier.clearsFail = true;
		assertThatThrownBy(() -> pending.clear(binding, "c")).isInstanceOf(IOException.class);
		clock.advance(Duration.ofSeconds(1));
		Envelope newer = envelope("new", "new");
		assertThat(pending.write(binding, "c", "new", () -> tier.put("c", "new", newer, TTL))).isTrue();

		assertThat(pending.cleared(binding, "c", older.metadata())).isTrue();
		assertThat(pending.cleared(binding, "c", newer.metadata())).isFalse();
		assertThat(pending.cleared(binding, "other", older.metadata())).as("another cache").isFalse();

		tier.clearsFail = false;
		pending.retry();
		assertThat(tier.get("c", "old")).isNull();
		assertThat(tier.get("c", "new")).as("written after the clear").isSameAs(newer);
		assertThat(pending.cleared(binding, "c", older.metadata())).as("nothing pending").isFalse();
		assertThat(bus.cleared).containsExactly("c");
	}

	@Test
	void aReadNeverServesAnEntryOlderThanAPendingClear() throws Exception {
		tier.put("c", "k", envelope("k", "old"), TTL);
		tier.clearsFail = true;
		operations.clear(List.of(binding), "c", false);

		assertThat(operations.get(binding, "c", "k")).isNull();
		clock.advance(Duration.ofMillis(1));
		tier.put("c", "k", envelope("k", "new"), TTL);
		assertThat(operations.get(binding, "c", "k")).isNotNull();
	}

	@Test
	void moreEvictionsThanTheBoundBecomeOnePendingClearOfTheCache() throws Exception {
		Envelope unrelated = envelope("unrelated", "old");
		tier.evictionsFail = true;
		for (int i = 0; i <= PendingEvictions.MAX_KEYS; i++) {
			String key = "k" + i;
			assertThatThrownBy(() -> pending.evict(binding, "c", key)).isInstanceOf(IOException.class);
		}
		assertThat(pending.cleared(binding, "c", unrelated.metadata())).as("the clear covers every older entry")
			.isTrue();

		tier.evictionsFail = false;
		int calls = tier.evictCalls.get();
		assertThat(pending.beforeRead(binding, "c", "k1")).isTrue();
		assertThat(tier.evictCalls).as("the key's own eviction was folded into the clear").hasValue(calls);
	}

	private Envelope envelope(String key, String value) {
		byte[] payload = value.getBytes(StandardCharsets.UTF_8);
		EntryMetadata metadata = new EntryMetadata(clock.instant(), TTL, Duration.ZERO, Producer.PROGRAMMATIC,
				EntryMetadata.address("c", key));
		return Envelope.create("test", false, false, metadata, payload, 0, payload.length);
	}

	/** A shared tier held in memory whose evictions, clears and writes fail on demand, like a stalled server. */
	private static final class FlakyTier implements CacheTier {

		private final MemoryTier memory = new MemoryTier(10_000_000);

		volatile boolean evictionsFail;

		volatile boolean clearsFail;

		volatile boolean putsFail;

		volatile Gate evictGate = () -> {
		};

		final AtomicInteger evictCalls = new AtomicInteger();

		@Override
		public String type() {
			return "flaky";
		}

		@Override
		public String location() {
			return "test";
		}

		@Override
		public boolean shared() {
			return true;
		}

		@Override
		public Envelope get(String cache, String key) {
			return memory.get(cache, key);
		}

		@Override
		public void put(String cache, String key, Envelope envelope, Duration storageTtl) throws IOException {
			if (putsFail) {
				throw new IOException("write timed out");
			}
			memory.put(cache, key, envelope, storageTtl);
		}

		@Override
		public void evict(String cache, String key) throws Exception {
			evictCalls.incrementAndGet();
			evictGate.pass();
			if (evictionsFail) {
				throw new IOException("evict timed out");
			}
			memory.evict(cache, key);
		}

		@Override
		public void clear(String cache) throws IOException {
			if (clearsFail) {
				throw new IOException("clear timed out");
			}
			memory.clear(cache);
		}

		@Override
		public Optional<TierInspection> inspection() {
			return memory.inspection();
		}

	}

	private interface Gate {

		void pass() throws InterruptedException;

	}

	private static final class RecordingBus implements InvalidationBus {

		final List<String> evicted = new CopyOnWriteArrayList<>();

		final List<String> cleared = new CopyOnWriteArrayList<>();

		@Override
		public void publishEvict(String cache, String key) {
			evicted.add(cache + "/" + key);
		}

		@Override
		public void publishClear(String cache) {
			cleared.add(cache);
		}

		@Override
		public void subscribe(Listener listener) {
		}

	}

}
