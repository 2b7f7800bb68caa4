package dev.cachet.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.BeanFactoryCacheOperationSourceAdvisor;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.core.cache.CacheStatistics;
import dev.cachet.core.cache.TieredCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which calls the memory tier answers before Spring's cache interceptor ({@link CacheHitShortcut}),
 * and that those answers are the interceptor's: a probe placed first in a bean's advice chain asks a
 * shortcut of its own what it would answer, then lets the call go on.
 */
class CacheHitShortcutTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
		.withUserConfiguration(Application.class)
		.withPropertyValues("cachet.tiers=memory", "cachet.fingerprint.packages=dev.cachet.autoconfigure");

	static class Prices {

		final AtomicInteger computed = new AtomicInteger();

		/** How many results were computed: read through the proxy, which has fields of its own. */
		public int computations() {
			return computed.get();
		}

		@Cacheable("prices")
		public List<String> price(String item) {
			computed.incrementAndGet();
			return new ArrayList<>(List.of(item, "12.50"));
		}

		@Cacheable("prices")
		public Optional<String> maybe(String item) {
			computed.incrementAndGet();
			return Optional.of(item);
		}

		@Cacheable(cacheNames = "prices", condition = "#item.length() > 1")
		public String conditional(String item) {
			computed.incrementAndGet();
			return item + "?";
		}

		@Cacheable(cacheNames = "prices", key = "'fixed-' + #item")
		public String keyed(String item) {
			computed.incrementAndGet();
			return item + "!";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class Application {

		@Bean
		Prices prices() {
			return new Prices();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnKeys implements CachingConfigurer {

		@Override
		public KeyGenerator keyGenerator() {
			return new SimpleKeyGenerator();
		}

	}

	@Test
	void aHitOfTheMemoryTierIsAnsweredBeforeTheInterceptorWithTheInstanceItHolds() {
		this.runner.run(context -> {
			Prices prices = context.getBean(Prices.class);
			Probe probe = Probe.firstIn(prices);
			List<String> computed = prices.price("tea");
			List<String> served = prices.price("tea");
			assertThat(probe.answers).containsExactly(null, computed);
			assertThat(served).isSameAs(computed);
			assertThat(prices.computations()).isEqualTo(1);
		});
	}

	@Test
	void aHitAnsweredBeforeTheInterceptorIsCountedOnceAndTheMissBeforeItOnce() {
		this.runner.run(context -> {
			Prices prices = context.getBean(Prices.class);
			prices.price("tea");
			prices.price("tea");
			prices.price("tea");
			CacheStatistics statistics = context.getBean(TieredCacheManager.class).getCache("prices").statistics();
			assertThat(statistics.hits()).isEqualTo(2);
			assertThat(statistics.misses()).isEqualTo(1);
			assertThat(context.getBean(TieredCacheManager.class).tiers().get("memory").statistics().hits()).isEqualTo(2);
		});
	}

	@Test
	void anAdviceBetweenCachetsAndTheInterceptorKeepsHitsOnTheInterceptorsPath() {
		this.runner.run(context -> {
			Prices prices = context.getBean(Prices.class);
			Probe probe = Probe.firstIn(prices);
			prices.price("tea");
			prices.price("tea");
			AtomicInteger between = new AtomicInteger();
			Advised advised = (Advised) prices;
			advised.addAdvisor(indexOfCacheAdvisor(advised), new DefaultPointcutAdvisor((MethodInterceptor) call -> {
				between.incrementAndGet();
				return call.proceed();
			}));
			List<String> served = prices.price("tea");
			assertThat(probe.answers.get(1)).as("before the advice was added").isNotNull();
			assertThat(probe.answers.get(2)).as("after").isNull();
			assertThat(between).as("it runs on a hit, as with Spring's caches alone").hasValue(1);
			assertThat(served).isEqualTo(List.of("tea", "12.50"));
			assertThat(prices.computations()).isEqualTo(1);
		});
	}

	@Test
	void callsTheInterceptorTreatsApartAlwaysGoThroughIt() {
		this.runner.run(context -> {
			Prices prices = context.getBean(Prices.class);
			Probe probe = Probe.firstIn(prices);
			for (int i = 0; i < 2; i++) {
				assertThat(prices.maybe("tea")).contains("tea");
				assertThat(prices.conditional("coffee")).isEqualTo("coffee?");
				assertThat(prices.keyed("tea")).isEqualTo("tea!");
			}
			assertThat(probe.answers).hasSize(6).containsOnlyNulls();
			assertThat(prices.computations()).as("each computed once, then hits through the interceptor").isEqualTo(3);
		});
	}

	@Test
	void withTheApplicationsOwnKeyGeneratorHitsGoThroughTheInterceptor() {
		this.runner.withUserConfiguration(OwnKeys.class).run(context -> {
			Prices prices = context.getBean(Prices.class);
			Probe probe = Probe.firstIn(prices);
			prices.price("tea");
			prices.price("tea");
			assertThat(probe.answers).containsExactly(null, null);
			assertThat(prices.computations()).isEqualTo(1);
		});
	}

	private static int indexOfCacheAdvisor(Advised advised) {
		Advisor[] advisors = advised.getAdvisors();
		for (int i = 0; i < advisors.length; i++) {
			if (advisors[i] instanceof BeanFactoryCacheOperationSourceAdvisor) {
				return i;
			}
		}
		throw new IllegalStateException("No cache advisor in " + List.of(advisors));
	}

	/** First in a bean's chain: records what a shortcut of its own answers for each call. */
	private static final class Probe implements MethodInterceptor {

		final List<Object> answers = new ArrayList<>();

		private final CacheHitShortcut shortcut = new CacheHitShortcut();

		static Probe firstIn(Object bean) {
			Probe probe = new Probe();
			((Advised) bean).addAdvisor(0, new DefaultPointcutAdvisor(probe));
			return probe;
		}

		@Override
		public Object invoke(org.aopalliance.intercept.MethodInvocation invocation) throws Throwable {
			ValueWrapper answer = this.shortcut.hit(invocation);
			this.answers.add((answer != null) ? answer.get() : null);
			return invocation.proceed();
		}

	}

}
