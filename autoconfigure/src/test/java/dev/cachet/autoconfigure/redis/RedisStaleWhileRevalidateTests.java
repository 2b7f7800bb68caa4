package dev.cachet.autoconfigure.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.cachet.core.cache.CacheStatistics;
import dev.cachet.core.policy.Cachet;
import dev.cachet.core.policy.CallOptions;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances share a real Redis: callers of both get a stale entry at once, and the Redis lease
 * lets exactly one background recomputation run between them.
 */
@ExtendWith(RedisServerExtension.class)
class RedisStaleWhileRevalidateTests {

	/** Every entry older than a millisecond is stale for these calls; the 1h window still serves it. */
	private static final CallOptions STALE = CallOptions.maxAge(Duration.ofMillis(1));

	@TempDir
	Path diskA;

	@TempDir
	Path diskB;

	private final String prefix = "swr" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final List<CachetInstance> instances = new ArrayList<>();

	private final ExecutorService pool = Executors.newFixedThreadPool(16);

	@AfterEach
	void tearDown() {
		pool.shutdownNow();
		instances.forEach(CachetInstance::close);
	}

	private CachetInstance start(RedisServer redis, Path disk) {
		CachetInstance instance = CachetInstance.start(redis, disk, prefix);
		instances.add(instance);
		return instance.awaitConnected();
	}

	private static CacheStatistics quotes(CachetInstance instance) {
		return instance.manager().getCache("quotes").statistics();
	}

	@Test
	void sixtyFourCallersOnTwoInstancesGetTheStaleEntryWhileOneRecomputationRuns(RedisServer redis)
			throws Exception {
		CachetInstance a = start(redis, diskA);
		CachetInstance b = start(redis, diskB);
		assertThat(a.reports().quote("tea")).isEqualTo("tea from list 1");
		a.settled();
		Thread.sleep(5); // older than the per-call max-age of the calls below
		CountDownLatch gate = new CountDownLatch(1);
		for (CachetInstance instance : instances) {
			instance.reports().priceList(2);
			instance.reports().gate(gate);
		}
		try {
			List<Future<String>> callers = new ArrayList<>();
			for (int i = 0; i < 64; i++) {
				Reports reports = (i % 2 == 0) ? a.reports() : b.reports();
				callers.add(pool.submit(() -> Cachet.with(STALE).callChecked(() -> reports.quote("tea"))));
			}
			for (Future<String> caller : callers) {
				assertThat(caller.get(30, TimeUnit.SECONDS)).isEqualTo("tea from list 1");
			}
			assertThat(quotes(a).staleHits() + quotes(b).staleHits()).isEqualTo(64);
			// one instance holds the lease and computes behind the gate; the other skips its refresh
			await().atMost(Duration.ofSeconds(30))
				.until(() -> a.reports().computations() + b.reports().computations() == 2
						&& quotes(a).refreshesSkipped() + quotes(b).refreshesSkipped() > 0);
		}
		finally {
			gate.countDown();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> quotes(a).refreshes() + quotes(b).refreshes() == 1);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(a.reports().quote("tea")).isEqualTo("tea from list 2");
			assertThat(b.reports().quote("tea")).isEqualTo("tea from list 2");
		});
		assertThat(a.reports().computations() + b.reports().computations())
			.as("the first computation and one refresh across both instances").isEqualTo(2);
	}

}
