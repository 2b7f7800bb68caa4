package dev.cachet.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.cachet.core.cache.TieredCacheManager;

/**
 * Binds the meters of every cache of a {@link TieredCacheManager}, including those created at run
 * time: Boot's cache metrics bind only the caches that exist at start-up (spring-boot#14576), and
 * Boot's {@code CacheMetricsRegistrar} has no binder for {@code TieredCache}, so each cache is
 * bound exactly once, here. Binding waits until every singleton exists, as Boot's own binders do.
 */
class CacheMetricsBinder implements SmartInitializingSingleton {

	private final TieredCacheManager manager;

	private final MeterRegistry registry;

	private final Tags tags;

	/** @param managerName the cache manager's tag value, as Boot's cache metrics name it */
	CacheMetricsBinder(TieredCacheManager manager, MeterRegistry registry, String managerName) {
		this.manager = manager;
		this.registry = registry;
		this.tags = Tags.of("cache.manager", managerName);
	}

	@Override
	public void afterSingletonsInstantiated() {
		manager.onCacheCreated(cache -> new TieredCacheMetrics(cache, tags).bindTo(registry));
	}

}
