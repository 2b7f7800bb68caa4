package dev.cachet.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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
import dev.cachet.core.cache.TieredCacheManager;

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
	void withTheDiskAloneAReportChecksItsLookupsByTheirHeaders() {
		runner().withPropertyValues("cachet.tiers=disk").run(context -> {
			PricedReports reports = context.getBean(PricedReports.class);
			PricedReports.Lookups lookups = context.getBean(PricedReports.Lookups.class);
			TieredCacheManager manager = context.getBean(TieredCacheManager.class);
			assertThat(reports.report("tea")).isEqualTo("tea costs 20 eur");
			assertThat(manager.awaitWrites(Duration.ofSeconds(10))).isTrue();

			// damage the price's payload, not its header: it is still the very write the report read
			Path price = entryFileOf("PricedReports$Lookups#price(");
			byte[] bytes = Files.readAllBytes(price);
			bytes[bytes.length - 9] ^= 0x10; // the payload's last byte, before the 8-byte checksum
			Files.write(price, bytes);
			assertThat(reports.report("tea")).isEqualTo("tea costs 20 eur");
			assertThat(reports.computations()).as("checked by its header, not read whole").isEqualTo(1);

			lookups.priceChanged(30);
			assertThat(lookups.price("tea")).as("the damaged lookup itself is not served").isEqualTo(30);
			assertThat(manager.awaitWrites(Duration.ofSeconds(10))).isTrue();
			assertThat(reports.report("tea")).as("its lookup was written again").isEqualTo("tea costs 60 eur");
			assertThat(reports.computations()).isEqualTo(2);
		});
	}

	/** The one entry file on the disk whose header names the method. */
	private Path entryFileOf(String method) throws IOException {
		byte[] name = method.getBytes(StandardCharsets.UTF_8);
		try (Stream<Path> files = Files.walk(disk)) {
			List<Path> found = files.filter(Files::isRegularFile).filter(file -> contains(file, name)).toList();
			assertThat(found).hasSize(1);
			return found.get(0);
		}
	}

	private static boolean contains(Path file, byte[] text) {
		try {
			String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
			return content.contains(new String(text, StandardCharsets.ISO_8859_1));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
