package dev.cachet.bench.spring;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.bench.support.BenchApplications;

/**
 * What lineage costs, with {@code cachet.lineage.enabled} on against off in the same run, through
 * Spring's interceptor on the memory tier: a small hit of an entry without inputs (recording only), a
 * miss of a report built from two cached lookups (recording, and the inputs the entry keeps), and a
 * hit of that report (its two inputs checked; off, there are none to check).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LineageBenchmark {

	@Param({ "on", "off" })
	public String lineage;

	private ConfigurableApplicationContext context;

	private Greetings greetings;

	private Reports reports;

	private long next;

	@Setup(Level.Trial)
	public void start() {
		context = BenchApplications.run(List.of(Context.class), "cachet.tiers=memory",
				"cachet.memory.max-size=32MB", "cachet.fingerprint.packages=dev.cachet.bench",
				"cachet.lineage.enabled=" + lineage.equals("on"));
		greetings = context.getBean(Greetings.class);
		reports = context.getBean(Reports.class);
		if (!reports.report(-1).equals("-1: 20")) {
			throw new IllegalStateException("Unexpected report");
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		context.close();
	}

	@Benchmark
	public String smallHit() {
		return greetings.greet("Ada");
	}

	@Benchmark
	public String reportHit() {
		return reports.report(-1);
	}

	@Benchmark
	public String reportMiss() {
		return reports.report(next++);
	}

	/** Two cached lookups a report reads. */
	public static class Lookups {

		@Cacheable("bench-prices")
		public int price(String item) {
			return 10;
		}

		@Cacheable("bench-rates")
		public int rate(String currency) {
			return 2;
		}

	}

	/** A report built from two cached lookups, both hits. */
	public static class Reports {

		private final Lookups lookups;

		Reports(Lookups lookups) {
			this.lookups = lookups;
		}

		@Cacheable("bench-reports")
		public String report(long id) {
			return id + ": " + lookups.price("tea") * lookups.rate("eur");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	@ImportAutoConfiguration(CachetAutoConfiguration.class)
	public static class Context {

		@Bean
		Greetings greetings() {
			return new Greetings();
		}

		@Bean
		Lookups lookups() {
			return new Lookups();
		}

		@Bean
		Reports reports(Lookups lookups) {
			return new Reports(lookups);
		}

	}

}
