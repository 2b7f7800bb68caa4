package dev.cachet.autoconfigure;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.cachet.autoconfigure.redis.PricedReports;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lineage through Spring's annotations: a cached report built from cached lookups is recomputed
 * after {@code @CacheEvict} or {@code @CachePut} on a lookup it read, directly or through another
 * cached method, with and without {@code sync}; an unrelated eviction leaves it a hit.
 */
class LineageIntegrationTests {

	@TempDir
	Path disk;

	/** A summary of a report: two levels of lineage. */
	static class Summaries {

		private final AtomicInteger computations = new AtomicInteger();

		private final PricedReports reports;

		Summaries(PricedReports reports) {
			this.reports = reports;
		}

		public int computations() {
			return computations.get();
		}

		@Cacheable("summaries")
		public String summary(String item) {
			computations.incrementAndGet();
			return "summary: " + reports.report(item);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	@Import(PricedReports.Beans.class)
	static class App {

		@Bean
		Summaries summaries(PricedReports reports) {
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
			PricedReports reports = context.getBean(PricedReports.class);
			PricedReports.Lookups lookups = context.getBean(PricedReports.Lookups.class);
			assertThat(reports.report("tea")).isEqualTo("tea costs 20 eur");
			assertThat(reports.report("tea")).isEqualTo("tea costs 20 eur");
			lookups.forgetPrice("coffee");
			assertThat(reports.report("tea")).isEqualTo("tea costs 20 eur");
			assertThat(reports.computations()).as("a hit while its lookups are unchanged").isEqualTo(1);

			lookups.priceChanged(30);
			lookups.forgetPrice("tea");
			assertThat(reports.report("tea")).isEqualTo("tea costs 60 eur");
			assertThat(reports.computations()).isEqualTo(2);
		});
	}

	@Test
	void aLookupOverwrittenByCachePutRecomputesTheReport() {
		runner().run(context -> {
			PricedReports reports = context.getBean(PricedReports.class);
			assertThat(reports.report("tea")).isEqualTo("tea costs 20 eur");
			context.getBean(PricedReports.Lookups.class).setPrice("tea", 40);
			assertThat(reports.report("tea")).isEqualTo("tea costs 80 eur");
			assertThat(reports.report("tea")).isEqualTo("tea costs 80 eur");
			assertThat(reports.computations()).isEqualTo(2);
		});
	}

	@Test
	void aSyncReportRecordsItsLookupsToo() {
		runner().run(context -> {
			PricedReports reports = context.getBean(PricedReports.class);
			PricedReports.Lookups lookups = context.getBean(PricedReports.Lookups.class);
			assertThat(reports.syncedReport("tea")).isEqualTo("tea costs 20 eur");
			assertThat(reports.syncedReport("tea")).isEqualTo("tea costs 20 eur");
			lookups.priceChanged(30);
			lookups.forgetPrice("tea");
			assertThat(reports.syncedReport("tea")).isEqualTo("tea costs 60 eur");
			assertThat(reports.computations()).isEqualTo(2);
		});
	}

	@Test
	void aSummaryOfAReportIsRecomputedWhenTheReportsLookupChanges() {
		runner().run(context -> {
			Summaries summaries = context.getBean(Summaries.class);
			PricedReports.Lookups lookups = context.getBean(PricedReports.Lookups.class);
			assertThat(summaries.summary("tea")).isEqualTo("summary: tea costs 20 eur");
			assertThat(summaries.summary("tea")).isEqualTo("summary: tea costs 20 eur");
			assertThat(summaries.computations()).isEqualTo(1);
			lookups.priceChanged(30);
			lookups.forgetPrice("tea");
			assertThat(summaries.summary("tea")).isEqualTo("summary: tea costs 60 eur");
			assertThat(summaries.computations()).isEqualTo(2);
		});
	}

}
