package dev.cachet.bench.spring;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cachet.bench.support.BenchApplications;
import dev.cachet.core.cache.TierBinding;
import dev.cachet.core.cache.TieredCacheManager;

/**
 * A {@code @Cacheable} hit, the call an application makes on the proxied bean: Cachet's memory tier
 * (canonical 128-bit key, producer, fingerprint and freshness checks; answered before Spring's cache
 * interceptor when it would do nothing else, see the autoconfigure module's {@code CacheHitShortcut})
 * against Boot's {@code CaffeineCacheManager} through Spring's interceptor (Spring's
 * {@code SimpleKeyGenerator}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheableHitBenchmark {

	private ConfigurableApplicationContext cachetContext;

	private ConfigurableApplicationContext caffeineContext;

	private Greetings cachetGreetings;

	private Greetings caffeineGreetings;

	@Setup(Level.Trial)
	public void start() {
		cachetContext = BenchApplications.run(List.of(CachetContext.class), "cachet.tiers=memory",
				"cachet.fingerprint.packages=dev.cachet.bench");
		caffeineContext = BenchApplications.run(List.of(CaffeineContext.class), "spring.cache.type=caffeine");
		cachetGreetings = cachetContext.getBean(Greetings.class);
		caffeineGreetings = caffeineContext.getBean(Greetings.class);
		if (!cachetGreetings.greet("Ada").equals(caffeineGreetings.greet("Ada"))) {
			throw new IllegalStateException("The two contexts disagree");
		}
		List<String> tiers = cachetContext.getBean(TieredCacheManager.class)
			.getCache("greetings")
			.getNativeCache()
			.stream()
			.map(TierBinding::name)
			.toList();
		if (!tiers.equals(List.of("memory"))) {
			throw new IllegalStateException("Cachet context reads tiers " + tiers + ", not [memory]");
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		cachetContext.close();
		caffeineContext.close();
	}

	@Benchmark
	public String cachet() {
		return cachetGreetings.greet("Ada");
	}

	@Benchmark
	public String caffeine() {
		return caffeineGreetings.greet("Ada");
	}

}
