package dev.cachet.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.core.cache.TieredCacheManager;

/**
 * Micrometer meters for Cachet's caches (Micrometer's standard {@code cache.*} names plus
 * {@code cachet.*}) and tiers ({@code cachet.tier.*}), when Micrometer is on the class path and a
 * {@link MeterRegistry} exists.
 */
@AutoConfiguration(after = CachetAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, TieredCacheManager.class })
@EnableConfigurationProperties(CachetMetricsProperties.class)
public class CachetMetricsAutoConfiguration {

	/** Boot's cache metrics drop a trailing "CacheManager" from the bean name; the same tag value keeps dashboards uniform. */
	private static final String CACHE_MANAGER_SUFFIX = "cacheManager";

	@Bean
	CacheMetricsBinder cachetCacheMetricsBinder(TieredCacheManager manager, MeterRegistry registry,
			ListableBeanFactory beanFactory) {
		return new CacheMetricsBinder(manager, registry, managerName(beanFactory));
	}

	@Bean
	TierMetrics cachetTierMetrics(TieredCacheManager manager, CachetMetricsProperties properties) {
		return new TierMetrics(manager.tiers().values(), properties.isLatencyHistogram());
	}

	private static String managerName(ListableBeanFactory beanFactory) {
		String[] names = beanFactory.getBeanNamesForType(TieredCacheManager.class, false, false);
		String name = (names.length == 1) ? names[0] : "cacheManager";
		boolean suffixed = name.length() > CACHE_MANAGER_SUFFIX.length()
				&& name.toLowerCase().endsWith(CACHE_MANAGER_SUFFIX.toLowerCase());
		return suffixed ? name.substring(0, name.length() - CACHE_MANAGER_SUFFIX.length()) : name;
	}

}
