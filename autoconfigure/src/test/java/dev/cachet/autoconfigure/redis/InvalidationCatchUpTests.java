package dev.cachet.autoconfigure.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.cachet.autoconfigure.redis.MemoryHitLoad.Phase;
import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances share a real Redis. Instance A serves a steady load of memory hits; its pub/sub
 * connections are cut, and while they are down, instance B evicts some of the keys A serves. Once A
 * has heard of them (from the history it reads on reconnecting, or by being told the history is gone),
 * it never serves an evicted value, and within 5 s its memory tier is back to at least 90% of its hit
 * rate before the cut. The hit rate and median latency of each phase are printed.
 *
 * <p>A's Lettuce client waits {@link #RECONNECT_DELAY} before reconnecting, so the evictions surely
 * happen while it is disconnected (checked with {@code CLIENT LIST}).
 */
@ExtendWith(RedisServerExtension.class)
class InvalidationCatchUpTests {

	private static final String A_NAME = "cachet-a";

	private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);

	private static final Duration WARM_UP = Duration.ofSeconds(1);

	private static final Duration BEFORE = Duration.ofSeconds(2);

	private static final int ITEMS = 200;

	private static final int EVICTED = 10;

	@TempDir
	Path diskA;

	@TempDir
	Path diskB;

	private final String prefix = "icu" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final List<CachetInstance> instances = new ArrayList<>();

	private RedisClient admin;

	@AfterEach
	void tearDown() {
		instances.forEach(CachetInstance::close);
		if (admin != null) {
			admin.shutdown();
		}
	}

	@Test
	void afterItsSubscriptionIsKilledAnInstanceCatchesUpAndKeepsItsLocalTiers(RedisServer redis) throws Exception {
		Run run = run(redis, "pub/sub killed (CLIENT KILL TYPE pubsub)", List.of(), () -> killSubscriptions(), 0);

		run.assertNoEvictedValueServedAndHitRateRecovered();
		assertThat(run.heard.lost).as("A read what it missed from the history: nothing to distrust").isFalse();
		assertThat(run.heard.evicted).as("evictions A caught up on").containsAll(run.evictedKeyIds);
	}

	@Test
	void whenTheHistoryWasTrimmedMeanwhileLocalEntriesAreTrustedAgainOnceReadFromRedis(RedisServer redis)
			throws Exception {
		// B evicts far more keys than the history keeps while A is away: A's position is trimmed.
		Run run = run(redis, "pub/sub killed, history trimmed meanwhile", List.of("cachet.redis.invalidation.history=100"),
				() -> killSubscriptions(), 400);

		run.assertNoEvictedValueServedAndHitRateRecovered();
		assertThat(run.heard.lost).as("A cannot know what it missed").isTrue();
		// two load threads missing the same evicted item may both compute it (no sync: Spring's contract)
		assertThat(run.itemsComputedAfterCut)
			.as("only the evicted items were computed again; the others were re-read from Redis and trusted")
			.isSubsetOf(run.evicted);
	}

	@Test
	void afterARedisRestartThatLostTheHistoryLocalEntriesAreDistrustedUntilReadAgain(RedisServer redis)
			throws Exception {
		Run run = run(redis, "Redis restarted (history lost)", List.of(), () -> {
			redis.stop();
			redis.start();
		}, 0);

		run.assertNoEvictedValueServedAndHitRateRecovered();
		assertThat(run.heard.lost).as("A cannot know what it missed").isTrue();
	}

	/**
	 * Warms A, runs the load, cuts A off with {@code cut}, lets B evict the first {@value #EVICTED}
	 * items (and {@code extraEvictions} others) while A is disconnected, and measures until 5 s after
	 * A heard of it.
	 */
	private Run run(RedisServer redis, String name, List<String> settings, Cut cut, int extraEvictions)
			throws Exception {
		admin = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
		List<String> aSettings = new ArrayList<>(settings);
		aSettings.add("spring.data.redis.client-name=" + A_NAME);
		aSettings.add("test.redis.reconnect-delay=" + RECONNECT_DELAY.toMillis() + "ms");
		CachetInstance a = start(redis, diskA, aSettings);
		CachetInstance b = start(redis, diskB, settings);
		List<String> items = IntStream.range(0, ITEMS).mapToObj(i -> "item-" + i).toList();
		Set<String> evicted = Set.copyOf(items.subList(0, EVICTED));
		for (String item : items) {
			assertThat(a.reports().price(item)).isEqualTo(item + " from list 1");
		}
		assertThat(subscriptionsOf(A_NAME)).as("A's subscriptions, seen by CLIENT LIST").isPositive();
		Heard heard = new Heard(evicted.stream().map(item -> a.keyId("prices", item)).collect(Collectors.toSet()));
		a.bus().subscribe(heard);

		Run run = new Run(name, heard, evicted);
		try (MemoryHitLoad load = new MemoryHitLoad(a, items, evicted)) {
			Thread.sleep(WARM_UP.toMillis()); // until the JIT has compiled the hit path
			load.enter(Phase.BEFORE);
			Thread.sleep(BEFORE.toMillis());
			a.reports().priceList(2);
			b.reports().priceList(2);
			int computedBeforeCut = a.reports().computations();
			int pricedBeforeCut = a.reports().pricedItems().size();
			load.enter(Phase.DURING);

			cut.apply();
			await().atMost(Duration.ofSeconds(10)).until(() -> subscriptionsOf(A_NAME) == 0);
			awaitRedisAnswers(b);
			evicted.forEach(b.reports()::forgetPrice);
			for (int i = 0; i < extraEvictions; i++) {
				b.reports().forgetPrice("never-cached-" + i);
			}
			assertThat(subscriptionsOf(A_NAME)).as("A was still disconnected when B had evicted").isZero();

			await().atMost(Duration.ofSeconds(20)).until(heard::learned);
			load.caughtUp();
			load.enter(Phase.FIRST_SECOND);
			Thread.sleep(1_000);
			load.enter(Phase.SECONDS_1_TO_4);
			Thread.sleep(3_000);
			load.enter(Phase.SECONDS_4_TO_5);
			Thread.sleep(1_000);
			load.stop();
			run.computationsAfterCut = a.reports().computations() - computedBeforeCut;
			List<String> priced = a.reports().pricedItems();
			run.itemsComputedAfterCut = Set.copyOf(priced.subList(pricedBeforeCut, priced.size()));
			run.figures = load.figures();
			run.staleServes = load.staleServes();
		}
		for (String item : evicted) {
			assertThat(a.reports().price(item)).as("A reads an evicted item again").isEqualTo(item + " from list 2");
		}
		run.evictedKeyIds = heard.expected;
		run.print();
		return run;
	}

	private CachetInstance start(RedisServer redis, Path disk, List<String> settings) {
		CachetInstance instance = CachetInstance.start(redis, disk, prefix, settings.toArray(String[]::new));
		instances.add(instance);
		return instance.awaitConnected();
	}

	/** After a restart B's Redis client reconnects by itself; its evictions should reach that Redis. */
	private static void awaitRedisAnswers(CachetInstance b) {
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
			b.tier("redis").get("prices", "probe");
			return true;
		});
	}

	private void killSubscriptions() {
		long killed = redis((commands) -> commands.clientKill(KillArgs.Builder.typePubsub()));
		assertThat(killed).as("pub/sub connections killed").isPositive();
	}

	/** How many connections named {@code name} are subscribed to something. */
	private long subscriptionsOf(String name) {
		String clients = redis(RedisCommands::clientList);
		return clients.lines()
			.filter(line -> line.contains(" name=" + name + " "))
			.filter(line -> !line.contains(" sub=0 ") || !line.contains(" psub=0 "))
			.count();
	}

	private <T> T redis(Function<RedisCommands<String, String>, T> command) {
		try (StatefulRedisConnection<String, String> connection = admin.connect()) {
			return command.apply(connection.sync());
		}
	}

	/** What takes instance A away from its invalidations. */
	private interface Cut {

		void apply() throws Exception;

	}

	/** What A's invalidation bus told its listeners. */
	private static final class Heard implements InvalidationBus.Listener {

		final Set<String> expected;

		final Set<String> evicted = java.util.concurrent.ConcurrentHashMap.newKeySet();

		volatile boolean lost;

		Heard(Set<String> expected) {
			this.expected = expected;
		}

		/** Whether A has heard of every eviction, or that it cannot know them. */
		boolean learned() {
			return lost || evicted.containsAll(expected);
		}

		@Override
		public void evicted(String cache, String key) {
			if (cache.equals("prices")) {
				evicted.add(key);
			}
		}

		@Override
		public void cleared(String cache) {
		}

		@Override
		public void messagesLost() {
			lost = true;
		}

	}

	/** The outcome of one run. */
	private static final class Run {

		final String name;

		final Heard heard;

		Set<String> evictedKeyIds;

		final Set<String> evicted;

		int computationsAfterCut;

		Set<String> itemsComputedAfterCut;

		long staleServes;

		Map<Phase, MemoryHitLoad.Figures> figures;

		Run(String name, Heard heard, Set<String> evicted) {
			this.name = name;
			this.heard = heard;
			this.evicted = evicted;
		}

		void print() {
			System.out.printf("%n%s: memory-tier hit rate and p50 of A's calls%n", name);
			figures.forEach((phase, figures) -> System.out.printf("  %-30s %7d calls  %6.1f%% memory hits  p50 %6.1f µs%n",
					phase.label, figures.calls(), 100 * figures.memoryHitRate(), figures.p50Nanos() / 1_000.0));
			System.out.printf("  evicted values served after A heard of the evictions: %d; computed again: %d%n",
					staleServes, computationsAfterCut);
		}

		void assertNoEvictedValueServedAndHitRateRecovered() {
			assertThat(staleServes).as("calls answered with an evicted value after A heard of the evictions").isZero();
			double before = figures.get(Phase.BEFORE).memoryHitRate();
			assertThat(before).as("memory-tier hit rate before the cut").isGreaterThan(0.9);
			assertThat(figures.get(Phase.SECONDS_4_TO_5).memoryHitRate())
				.as("memory-tier hit rate 4 to 5 s after A heard of the evictions, before it was %.3f", before)
				.isGreaterThanOrEqualTo(0.9 * before);
		}

	}

}
