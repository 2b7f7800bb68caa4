package dev.cachet.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.framework.Advised;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.interceptor.CacheInterceptor;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.policy.CachePolicy;
import dev.cachet.core.policy.Cachet;
import dev.cachet.core.policy.CallOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Stale windows on {@code @Cacheable} methods without {@code sync}, where Spring runs the method
 * itself: a stale hit re-invokes the method once in the background, and a failing method is answered
 * with a stale entry within stale-if-error, its own exception after. Entries are made stale by a
 * per-call max-age of one millisecond (no clock is advanced and nothing waits on time).
 */
class StaleWindowsIntegrationTests {

	private static final CallOptions STALE = CallOptions.maxAge(Duration.ofMillis(1));

	@TempDir
	Path disk;

	static class Prices {

		static final AtomicInteger computations = new AtomicInteger();

		static volatile boolean failing;

		static volatile CountDownLatch started = new CountDownLatch(1);

		static volatile CountDownLatch release = new CountDownLatch(0);

		@Cacheable("quotes")
		@CachePolicy(staleWhileRevalidate = "1h")
		public String quote(String id) throws InterruptedException {
			int run = computations.incrementAndGet();
			started.countDown();
			assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
			return "quote " + id + " #" + run;
		}

		@Cacheable("rates")
		@CachePolicy(staleIfError = "1h")
		public Optional<String> rate(String id) {
			int run = computations.incrementAndGet();
			if (failing) {
				throw new IllegalStateException("rates down");
			}
			return Optional.of("rate " + id + " #" + run);
		}

		static void reset() {
			computations.set(0);
			failing = false;
			started = new CountDownLatch(1);
			release = new CountDownLatch(0);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class App {

		@Bean
		Prices prices() {
			return new Prices();
		}

	}

	private ApplicationContextRunner runner() {
		Prices.reset();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(App.class)
			.withPropertyValues("cachet.disk.path=" + disk, "cachet.tiers=memory,disk",
					"cachet.fingerprint.packages=dev.cachet.autoconfigure");
	}

	@Test
	void theStaleWindowScopeRunsJustOutsideSpringsCacheInterceptor() {
		runner().run(context -> {
			Object prices = context.getBean(Prices.class);
			List<String> advice = Arrays.stream(((Advised) prices).getAdvisors())
				.map(advisor -> advisor.getAdvice().getClass().getName())
				.toList();
			assertThat(advice).containsExactly(CachedInvocationAdvice.class.getName(), CacheInterceptor.class.getName());
		});
	}

	@Test
	void aStaleHitReturnsAtOnceWhileTheMethodRunsOnceInTheBackground() {
		runner().run(context -> {
			Prices prices = context.getBean(Prices.class);
			TieredCache cache = context.getBean(TieredCacheManager.class).getCache("quotes");
			assertThat(prices.quote("x")).isEqualTo("quote x #1");
			Thread.sleep(5); // older than the per-call max-age below
			Prices.started = new CountDownLatch(1);
			Prices.release = new CountDownLatch(1);

			ExecutorService pool = Executors.newFixedThreadPool(16);
			try {
				List<Future<String>> callers = new ArrayList<>();
				for (int i = 0; i < 64; i++) {
					callers.add(pool.submit(() -> Cachet.with(STALE).callChecked(() -> prices.quote("x"))));
				}
				for (Future<String> caller : callers) {
					assertThat(caller.get(30, TimeUnit.SECONDS)).isEqualTo("quote x #1");
				}
				assertThat(Prices.started.await(30, TimeUnit.SECONDS)).isTrue();
				assertThat(Prices.release.getCount()).as("every caller returned during the recomputation").isOne();
				assertThat(cache.statistics().staleHits()).isEqualTo(64);
			}
			finally {
				Prices.release.countDown();
				pool.shutdownNow();
			}
			awaitUntil(() -> cache.statistics().refreshes() == 1);
			assertThat(prices.quote("x")).as("the refresh overwrote the entry").isEqualTo("quote x #2");
			assertThat(Prices.computations).hasValue(2);
		});
	}

	@Test
	void aFailingMethodIsAnsweredWithTheStaleEntryWithinStaleIfErrorAndThrowsAfter() {
		runner().run(context -> {
			Prices prices = context.getBean(Prices.class);
			TieredCache cache = context.getBean(TieredCacheManager.class).getCache("rates");
			assertThat(prices.rate("y")).contains("rate y #1");
			Thread.sleep(5);
			Prices.failing = true;

			assertThat(Cachet.with(STALE).call(() -> prices.rate("y"))).contains("rate y #1");
			assertThat(cache.statistics().staleIfErrorServes()).isOne();
			assertThatIllegalStateException()
				.isThrownBy(() -> Cachet.with(STALE.withStaleIfError(Duration.ofMillis(1))).call(() -> prices.rate("y")))
				.withMessage("rates down");
			assertThat(Prices.computations).hasValue(3);

			Prices.failing = false;
			assertThat(Cachet.with(STALE).call(() -> prices.rate("y"))).as("a success replaces the stale entry")
				.contains("rate y #4");
		});
	}

	@Test
	void withoutWindowsAFailingMethodThrowsAndNothingStaysInScope() {
		runner().run(context -> {
			Prices prices = context.getBean(Prices.class);
			assertThat(prices.rate("z")).contains("rate z #1");
			Thread.sleep(5);
			Prices.failing = true;
			assertThatIllegalStateException()
				.isThrownBy(() -> Cachet.with(STALE.withStaleIfError(Duration.ZERO)).call(() -> prices.rate("z")));
			Prices.failing = false;
			assertThat(prices.rate("other")).as("a later call on this thread is not answered by an old scope")
				.contains("rate other #3");
		});
	}

	private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(condition.getAsBoolean()).as("condition reached").isTrue();
	}

}
