package dev.cachet.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.MissReason;
import dev.cachet.core.key.CacheKeyIgnore;
import dev.cachet.core.policy.Cachet;
import dev.cachet.core.policy.CallOptions;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring's caching annotations on a real bean, backed by Cachet's auto-configured disk tier. */
class CachingIntegrationTests {

	@TempDir
	Path disk;

	/** Counts how often each method body runs. */
	static class Reports {

		static final AtomicInteger daily = new AtomicInteger();

		static final AtomicInteger weekly = new AtomicInteger();

		static final AtomicInteger slow = new AtomicInteger();

		static final AtomicInteger streamed = new AtomicInteger();

		static final AtomicInteger async = new AtomicInteger();

		@Cacheable("reports")
		public String daily(String region) {
			daily.incrementAndGet();
			return "daily " + region;
		}

		@Cacheable("reports")
		public String weekly(String region) {
			weekly.incrementAndGet();
			return "weekly " + region;
		}

		@Cacheable(cacheNames = "reports", sync = true)
		public String slow(int id, @CacheKeyIgnore Runnable progress) throws InterruptedException {
			slow.incrementAndGet();
			progress.run();
			Thread.sleep(200);
			return "slow " + id;
		}

		@Cacheable("reports")
		public int length(InputStream stream) throws Exception {
			streamed.incrementAndGet();
			return stream.readAllBytes().length;
		}

		@Cacheable("reports")
		public CompletableFuture<String> later(String id) {
			async.incrementAndGet();
			return CompletableFuture.supplyAsync(() -> {
				try {
					Thread.sleep(100); // completes on another thread, a while after the call returned
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return "later " + id;
			});
		}

		@CachePut(cacheNames = "accounts", key = "#id")
		public String saveAccount(String id, String name) {
			return name;
		}

		@Cacheable(cacheNames = "accounts", key = "#id")
		public String account(String id) {
			return "loaded " + id;
		}

		@CacheEvict(cacheNames = "accounts", key = "#id")
		public void deleteAccount(String id) {
		}

		static void reset() {
			daily.set(0);
			weekly.set(0);
			slow.set(0);
			streamed.set(0);
			async.set(0);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class App {

		@Bean
		Reports reports() {
			return new Reports();
		}

	}

	private ApplicationContextRunner runner() {
		Reports.reset();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(App.class)
			.withPropertyValues("cachet.disk.path=" + disk, "cachet.tiers=memory,disk",
					"cachet.fingerprint.packages=dev.cachet.autoconfigure");
	}

	@Test
	void secondCallIsAHitAndSurvivesARestart() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.daily("north")).isEqualTo("daily north");
			assertThat(reports.daily("north")).isEqualTo("daily north");
			assertThat(Reports.daily).hasValue(1);
		});
		runner().run(context -> {
			assertThat(context.getBean(Reports.class).daily("north")).isEqualTo("daily north");
			assertThat(Reports.daily).as("computed by the first context, read from disk by the new one").hasValue(0);
		});
	}

	@Test
	void twoMethodsSharingACacheWithTheSameArgumentsNeverServeEachOthersResults() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			TieredCacheManager manager = context.getBean(TieredCacheManager.class);
			// each result reaches the disk after the call returns: wait, so each later call finds it there
			assertThat(reports.daily("south")).isEqualTo("daily south");
			assertThat(manager.awaitWrites(Duration.ofSeconds(10))).isTrue();
			assertThat(reports.weekly("south")).isEqualTo("weekly south");
			assertThat(manager.awaitWrites(Duration.ofSeconds(10))).isTrue();
			assertThat(reports.daily("south")).isEqualTo("daily south");
			assertThat(manager.awaitWrites(Duration.ofSeconds(10))).isTrue();
			assertThat(reports.weekly("south")).isEqualTo("weekly south");
			// one address, as with Spring's own caches: each displaces the other instead of being served
			assertThat(Reports.daily).hasValue(2);
			assertThat(Reports.weekly).hasValue(2);
			TieredCache cache = context.getBean(TieredCacheManager.class).getCache("reports");
			// the three later calls each find the other method's entry in both tiers, memory and disk
			assertThat(cache.statistics().rejected(MissReason.FOREIGN_PRODUCER)).isEqualTo(6);
		});
	}

	@Test
	void syncCallersOfAColdKeyComputeOnceAndIgnoredParametersStayOutOfTheKey() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			ExecutorService pool = Executors.newFixedThreadPool(32);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<String>> results = new ArrayList<>();
				for (int i = 0; i < 32; i++) {
					Runnable progress = () -> { };
					results.add(pool.submit(() -> {
						start.await();
						return reports.slow(7, progress);
					}));
				}
				start.countDown();
				for (Future<String> result : results) {
					assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo("slow 7");
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(Reports.slow).hasValue(1);
		});
	}

	@Test
	void unhashableArgumentsRunUncachedEveryTime() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.length(new ByteArrayInputStream(new byte[3]))).isEqualTo(3);
			assertThat(reports.length(new ByteArrayInputStream(new byte[5]))).isEqualTo(5);
			assertThat(Reports.streamed).hasValue(2);
		});
	}

	@Test
	void completableFutureResultsAreCachedWithTheirComputeTime() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.later("a").get(5, TimeUnit.SECONDS)).isEqualTo("later a");
			assertThat(reports.later("a").get(5, TimeUnit.SECONDS)).isEqualTo("later a");
			assertThat(Reports.async).hasValue(1);
			long saved = context.getBean(TieredCacheManager.class).getCache("reports").statistics().timeSavedNanos();
			assertThat(saved).as("time the hit saved").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
		});
	}

	@Test
	void cachePutAndCacheEvictWithExplicitKeys() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			reports.saveAccount("42", "Ada");
			assertThat(reports.account("42")).isEqualTo("Ada");
			reports.deleteAccount("42");
			assertThat(reports.account("42")).isEqualTo("loaded 42");
		});
	}

	@Test
	void perCallOptionsReachAnnotatedMethods() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			reports.daily("east");
			Cachet.with(CallOptions.recompute()).call(() -> reports.daily("east"));
			Cachet.with(CallOptions.disable()).call(() -> reports.daily("east"));
			reports.daily("east");
			assertThat(Reports.daily).as("first call, recompute, disable; the last is a hit").hasValue(3);
		});
	}

	@Test
	void anInheritedMethodIsItsOwnProducerInEachClass() {
		runner().withUserConfiguration(Labels.class).run(context -> {
			NorthLabel north = context.getBean(NorthLabel.class);
			SouthLabel south = context.getBean(SouthLabel.class);
			for (int i = 0; i < 3; i++) {
				// one method, one key, one cache: each class must keep getting its own result
				assertThat(north.label("x")).isEqualTo("NorthLabel x");
				assertThat(south.label("x")).isEqualTo("SouthLabel x");
			}
			TieredCache cache = context.getBean(TieredCacheManager.class).getCache("labels");
			assertThat(cache.statistics().rejected(MissReason.FOREIGN_PRODUCER)).isPositive();
		});
	}

	/** A cached method two bean classes inherit. */
	abstract static class Label {

		@Cacheable("labels")
		public String label(String text) {
			return getClass().getSimpleName() + " " + text;
		}

	}

	static class NorthLabel extends Label {

	}

	static class SouthLabel extends Label {

	}

	@Configuration(proxyBeanMethods = false)
	static class Labels {

		@Bean
		NorthLabel northLabel() {
			return new NorthLabel();
		}

		@Bean
		SouthLabel southLabel() {
			return new SouthLabel();
		}

	}

}
