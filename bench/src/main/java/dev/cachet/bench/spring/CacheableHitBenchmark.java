package dev.cachet.bench.spring;

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
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A {@code @Cacheable} hit through Spring's caching interceptor: Cachet's memory tier (key with
 * method fingerprint and canonical argument hash, freshness check) against Boot's
 * {@code CaffeineCacheManager} (Spring's {@code SimpleKeyGenerator}).
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
		cachetContext = run(CachetContext.class, "cachet.tiers=memory", "cachet.fingerprint.packages=dev.cachet.bench");
		caffeineContext = run(CaffeineContext.class, "spring.cache.type=caffeine");
		cachetGreetings = cachetContext.getBean(Greetings.class);
		caffeineGreetings = caffeineContext.getBean(Greetings.class);
		if (!cachetGreetings.greet("Ada").equals(caffeineGreetings.greet("Ada"))) {
			throw new IllegalStateException("The two contexts disagree");
		}
		String cacheManager = cachetContext.getBean(org.springframework.cache.CacheManager.class).getClass().getName();
		if (!cacheManager.startsWith("dev.cachet")) {
			throw new IllegalStateException("Cachet context runs " + cacheManager);
		}
	}

	private static ConfigurableApplicationContext run(Class<?> configuration, String... properties) {
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("logging.level.root=warn")
			.properties(properties)
			.run();
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
