package dev.cachet.autoconfigure;

import java.nio.file.Path;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lineage through Spring's annotations: a cached report built from cached lookups is recomputed
 * after {@code @CacheEvict} or {@code @CachePut} on a lookup it read, directly or through another
 * cached method, with and without {@code sync}; an unrelated eviction leaves it a hit.
 */
class LineageIntegrationTests {

	@TempDir
	Path disk;

	static class Lookups {

		private volatile int price = 10;

		/** The price at its source changes (public: callers hold the caching proxy). */
		public void priceChanged(int price) {
			this.price = price;
		}

		@Cacheable("prices")
		public int price(String item) {
			return price;
		}

		@Cacheable("rates")
		public int rate(String currency) {
			return 2;
		}

		@CacheEvict("prices")
		public void forgetPrice(String item) {
		}

		@CachePut(cacheNames = "prices", key = "#item")
		public int setPrice(String item, int price) {
			return price;
		}

	}

	static class Reports {

		private final AtomicInteger computations = new AtomicInteger();

		private final Lookups lookups;

		Reports(Lookups lookups) {
			this.lookups = lookups;
		}

		public int computations() {
			return computations.get();
		}

		@Cacheable("reports")
		public String report(String item) {
			computations.incrementAndGet();
			return item + ": " + lookups.price(item) * lookups.rate("eur");
		}

		@Cacheable(cacheNames = "synced-reports", sync = true)
		public String syncedReport(String item) {
			computations.incrementAndGet();
			return item + ": " + lookups.price(item) * lookups.rate("eur");
		}

	}

	/** A summary of a report: two levels of lineage. */
	static class Summaries {

		private final AtomicInteger computations = new AtomicInteger();

		private final Reports reports;

		Summaries(Reports reports) {
			this.reports = reports;
		}

		public int computations() {
			return computations.get();
		}

		@Cacheable("summaries")
		public String summary(String item) {
			computations.incrementAndGet();
			return "summary of " + reports.report(item);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class App {

		@Bean
		Lookups lookups() {
			return new Lookups();
		}

		@Bean
		Reports reports(Lookups lookups) {
			return new Reports(lookups);
		}

		@Bean
		Summaries summaries(Reports reports) {
			return new Summaries(reports);
		}

	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(App.class)
			.withPropertyValues("cachet.disk.path=" + disk, "cachet.tiers=memory,disk",
					"cachet.fingerprint.packages=dev.cachet.autoconfigure");
	}

	@Test
	void anEvictedLookupRecomputesTheReportAndAnUnrelatedOneDoesNot() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			Lookups lookups = context.getBean(Lookups.class);
			assertThat(reports.report("tea")).isEqualTo("tea: 20");
			assertThat(reports.report("tea")).isEqualTo("tea: 20");
			lookups.forgetPrice("coffee");
			assertThat(reports.report("tea")).isEqualTo("tea: 20");
			assertThat(reports.computations()).as("a hit while its lookups are unchanged").isEqualTo(1);

			lookups.priceChanged(30);
			lookups.forgetPrice("tea");
			assertThat(reports.report("tea")).isEqualTo("tea: 60");
			assertThat(reports.computations()).isEqualTo(2);
		});
	}

	@Test
	void aLookupOverwrittenByCachePutRecomputesTheReport() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			Lookups lookups = context.getBean(Lookups.class);
			assertThat(reports.report("tea")).isEqualTo("tea: 20");
			lookups.setPrice("tea", 40);
			assertThat(reports.report("tea")).isEqualTo("tea: 80");
			assertThat(reports.report("tea")).isEqualTo("tea: 80");
			assertThat(reports.computations()).isEqualTo(2);
		});
	}

	@Test
	void aSyncReportRecordsItsLookupsToo() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			Lookups lookups = context.getBean(Lookups.class);
			assertThat(reports.syncedReport("tea")).isEqualTo("tea: 20");
			assertThat(reports.syncedReport("tea")).isEqualTo("tea: 20");
			lookups.priceChanged(30);
			lookups.forgetPrice("tea");
			assertThat(reports.syncedReport("tea")).isEqualTo("tea: 60");
			assertThat(reports.computations()).isEqualTo(2);
		});
	}

	@Test
	void aSummaryOfAReportIsRecomputedWhenTheReportsLookupChanges() {
		runner().run(context -> {
			Summaries summaries = context.getBean(Summaries.class);
			Lookups lookups = context.getBean(Lookups.class);
			assertThat(summaries.summary("tea")).isEqualTo("summary of tea: 20");
			assertThat(summaries.summary("tea")).isEqualTo("summary of tea: 20");
			assertThat(summaries.computations()).isEqualTo(1);
			lookups.priceChanged(30);
			lookups.forgetPrice("tea");
			assertThat(summaries.summary("tea")).isEqualTo("summary of tea: 60");
			assertThat(summaries.computations()).isEqualTo(2);
		});
	}

}
