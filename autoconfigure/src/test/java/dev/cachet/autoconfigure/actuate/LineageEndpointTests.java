package dev.cachet.autoconfigure.actuate;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.autoconfigure.redis.PricedReports;
import dev.cachet.core.cache.LineageGraph;
import dev.cachet.core.cache.TieredCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Actuator shows an entry's inputs (and whether each is still the one it read) and its
 * dependents, and which caches feed which: addresses and methods, never argument values.
 */
class LineageEndpointTests {

	private static final String SECRET = "secret-item-4711";

	@TempDir
	Path disk;

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	@Import(PricedReports.Beans.class)
	static class App {

	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class,
					EndpointAutoConfiguration.class, CachetEndpointAutoConfiguration.class))
			.withUserConfiguration(App.class)
			.withPropertyValues("management.endpoints.web.exposure.include=cachet", "cachet.tiers=memory,disk",
					"cachet.disk.path=" + disk, "cachet.fingerprint.packages=dev.cachet.autoconfigure");
	}

	@Test
	void entriesShowTheirInputsAndDependentsAndTheCachePagesWhichCachesFeedWhich() {
		runner().run(context -> {
			context.getBean(PricedReports.class).report(SECRET);
			TieredCacheManager manager = context.getBean(TieredCacheManager.class);
			assertThat(manager.awaitWrites(java.time.Duration.ofSeconds(30))).isTrue();
			CachetEndpoint endpoint = context.getBean(CachetEndpoint.class);

			CacheEntries.EntryReport report = endpoint.entries("priced-reports", "entries", 0, 10).entries().get(0);
			String priceKey = manager.keyGenerator().addresses().addressOf(SECRET).id();
			assertThat(report.inputs()).hasSize(2).first().satisfies(input -> {
				assertThat(input.cache()).isEqualTo("prices");
				assertThat(input.key()).isEqualTo(priceKey);
				assertThat(input.method()).endsWith("Lookups#price(java.lang.String)");
				assertThat(input.unchanged()).isTrue();
			});
			CacheEntries.EntryReport price = endpoint.entries("prices", "entries", 0, 10).entries().get(0);
			assertThat(price.dependents()).extracting(CacheEntries.DependentReport::cache, CacheEntries.DependentReport::method)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("priced-reports",
						PricedReports.class.getName() + "#report(java.lang.String)"));
			assertThat(endpoint.cache("prices").lineage().feeds()).singleElement().satisfies(feed -> {
				assertThat(feed.from()).isEqualTo("prices");
				assertThat(feed.to()).isEqualTo("priced-reports");
			});
			assertThat(endpoint.overview().lineage().feeds()).extracting(LineageGraph.CacheFeed::from)
				.containsExactly("prices", "rates");
			assertThat(report.toString() + price).doesNotContain(SECRET);

			context.getBean(PricedReports.Lookups.class).forgetPrice(SECRET);
			CacheEntries.EntryReport after = endpoint.entries("priced-reports", "entries", 0, 10).entries().get(0);
			assertThat(after.inputs()).first().satisfies(input -> {
				assertThat(input.method()).isNull();
				assertThat(input.unchanged()).isFalse();
			});
		});
	}

}
