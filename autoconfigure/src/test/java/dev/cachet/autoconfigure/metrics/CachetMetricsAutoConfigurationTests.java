package dev.cachet.autoconfigure.metrics;

import java.nio.file.Path;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

class CachetMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class,
				MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, CacheMetricsAutoConfiguration.class,
				CachetMetricsAutoConfiguration.class))
		.withUserConfiguration(CachingEnabled.class)
		.withPropertyValues("cachet.tiers=memory");

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingEnabled {

	}

	@Test
	void cachesCreatedAtRunTimeAreBoundOnceWithBootsTags() {
		runner.run(context -> {
			TieredCache cache = context.getBean(TieredCacheManager.class).getCache("created-later");
			cache.put("k", "v");
			cache.get("k");
			cache.get("k");
			cache.get("absent");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("cache.gets").tag("cache", "created-later").tag("result", "hit").functionCounters())
				.singleElement()
				.satisfies(counter -> assertThat(counter.count()).isEqualTo(2.0));
			assertThat(registry.get("cache.gets")
				.tag("cache", "created-later")
				.tag("cache.manager", "cacheManager")
				.tag("result", "miss")
				.functionCounter()
				.count()).isEqualTo(1.0);
			assertThat(registry.get("cache.puts").tag("cache", "created-later").functionCounter().count())
				.isEqualTo(1.0);
		});
	}

	@Test
	void cachesThatExistAtStartUpAreBoundOnce() {
		runner.withUserConfiguration(PrecreatedCache.class).run(context -> {
			TieredCache cache = context.getBean(TieredCacheManager.class).getCache("precreated");
			cache.put("k", "v");
			cache.get("k");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("cache.gets").tag("cache", "precreated").tag("result", "hit").meters())
				.as("Boot's registrar has no binder for TieredCache, so only Cachet binds it")
				.hasSize(1);
			assertThat(registry.get("cache.gets").tag("cache", "precreated").tag("result", "hit").functionCounter()
				.count()).isEqualTo(1.0);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class PrecreatedCache {

		@Bean
		CacheManagerCustomizer<TieredCacheManager> precreate() {
			return manager -> manager.getCache("precreated");
		}

	}

	@Test
	void tierMetersRecordLatencyErrorsAndState(@TempDir Path disk) {
		runner.withPropertyValues("cachet.tiers=memory,disk", "cachet.disk.path=" + disk).run(context -> {
			TieredCache cache = context.getBean(TieredCacheManager.class).getCache("c");
			cache.put("k", "v");
			cache.get("k");
			context.getBean(TieredCacheManager.class).getCache("c").evict("k");
			cache.get("k");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Timer latency = registry.get("cachet.tier.latency").tag("tier", "disk").timer();
			assertThat(latency.count()).as("one write, one read of the disk").isEqualTo(2);
			assertThat(registry.get("cachet.tier.latency").tag("tier", "memory").timer().count())
				.as("memory hits are map lookups, not timed")
				.isZero();
			assertThat(registry.get("cachet.tier.writes.dropped").tag("tier", "disk").functionCounter().count()).isZero();
			assertThat(registry.get("cachet.tier.errors").tag("tier", "memory").functionCounter().count()).isZero();
			assertThat(registry.get("cachet.tier.state").tag("tier", "memory").tag("state", "up").gauge().value())
				.isEqualTo(1.0);
			assertThat(registry.get("cachet.tier.state").tag("tier", "memory").tag("state", "down").gauge().value())
				.isZero();
		});
	}

	@Test
	void latencyHistogramIsOffByDefault() {
		runner.withUserConfiguration(HistogramSpy.class)
			.run(context -> assertThat(context.getBean(HistogramSpy.class).latencyHistogram).isFalse());
	}

	@Test
	void latencyHistogramIsOptIn() {
		runner.withUserConfiguration(HistogramSpy.class)
			.withPropertyValues("cachet.metrics.latency-histogram=true")
			.run(context -> assertThat(context.getBean(HistogramSpy.class).latencyHistogram).isTrue());
	}

	/** Sees the distribution configuration of the tier latency timer as registries apply it. */
	@Configuration(proxyBeanMethods = false)
	static class HistogramSpy {

		volatile Boolean latencyHistogram;

		@Bean
		MeterFilter histogramSpyFilter() {
			return new MeterFilter() {
				@Override
				public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
					if (id.getName().equals("cachet.tier.latency")) {
						latencyHistogram = config.isPublishingHistogram();
					}
					return config;
				}
			};
		}

	}

	@Test
	void withoutMicrometerThereAreNoBinders() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class,
					CachetMetricsAutoConfiguration.class))
			.withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("cachet.tiers=memory")
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(CacheMetricsBinder.class);
			assertThat(context).doesNotHaveBean(TierMetrics.class);
		});
	}

	@Test
	void withoutAMeterRegistryThereAreNoBinders() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class,
					CachetMetricsAutoConfiguration.class))
			.withUserConfiguration(CachingEnabled.class)
			.withPropertyValues("cachet.tiers=memory")
			.run(context -> assertThat(context).doesNotHaveBean(CacheMetricsBinder.class));
	}

}
