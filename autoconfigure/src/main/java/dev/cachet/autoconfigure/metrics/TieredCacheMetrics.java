package dev.cachet.autoconfigure.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;

import dev.cachet.core.cache.TieredCache;

/**
 * Micrometer's standard cache meters ({@code cache.gets}, {@code cache.puts},
 * {@code cache.evictions}) for one {@link TieredCache}, plus {@code cachet.time.saved},
 * {@code cachet.load.duration}, {@code cachet.uncached.calls}, {@code cachet.stale.serves{window}} and
 * {@code cachet.stale.refreshes{result}}. {@code cache.size} is not
 * registered: a tiered cache's size is not known cheaply. Tags carry names only, never keys.
 */
class TieredCacheMetrics extends CacheMeterBinder<TieredCache> {

	TieredCacheMetrics(TieredCache cache, Iterable<Tag> tags) {
		super(cache, cache.getName(), tags);
	}

	@Override
	protected Long size() {
		return null;
	}

	@Override
	protected long hitCount() {
		return statistic(cache -> cache.statistics().hits());
	}

	@Override
	protected Long missCount() {
		return statistic(cache -> cache.statistics().misses());
	}

	@Override
	protected Long evictionCount() {
		return statistic(cache -> cache.statistics().evictions());
	}

	@Override
	protected long putCount() {
		return statistic(cache -> cache.statistics().puts());
	}

	@Override
	protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
		TieredCache cache = getCache();
		FunctionCounter.builder("cachet.time.saved", cache, c -> c.statistics().timeSavedNanos() / 1e9)
			.tags(getTagsWithCacheName())
			.baseUnit("seconds")
			.description("Compute time the hits avoided, from the compute time recorded with each entry")
			.register(registry);
		FunctionTimer
			.builder("cachet.load.duration", cache, c -> c.statistics().loads(), c -> c.statistics().loadNanos(),
					TimeUnit.NANOSECONDS)
			.tags(getTagsWithCacheName())
			.description("Computations run on a miss and their total time")
			.register(registry);
		FunctionCounter.builder("cachet.uncached.calls", cache, c -> c.statistics().uncachedCalls())
			.tags(getTagsWithCacheName())
			.description("Calls that bypassed the cache: unhashable arguments, disabled behaviour, unencodable values")
			.register(registry);
		counter(registry, "cachet.stale.serves", "window", "while-revalidate", c -> c.statistics().staleHits(),
				"Entries served past their max-age, by the stale window that allowed it");
		counter(registry, "cachet.stale.serves", "window", "if-error", c -> c.statistics().staleIfErrorServes(),
				"Entries served past their max-age, by the stale window that allowed it");
		counter(registry, "cachet.stale.refreshes", "result", "done", c -> c.statistics().refreshes(),
				"Background refreshes of entries served within stale-while-revalidate, by result");
		counter(registry, "cachet.stale.refreshes", "result", "skipped", c -> c.statistics().refreshesSkipped(),
				"Background refreshes of entries served within stale-while-revalidate, by result");
		counter(registry, "cachet.stale.refreshes", "result", "failed", c -> c.statistics().refreshesFailed(),
				"Background refreshes of entries served within stale-while-revalidate, by result");
	}

	private void counter(MeterRegistry registry, String name, String tag, String value,
			ToDoubleFunction<TieredCache> count, String description) {
		FunctionCounter.builder(name, getCache(), count)
			.tags(getTagsWithCacheName())
			.tag(tag, value)
			.description(description)
			.register(registry);
	}

	private long statistic(ToLongFunction<TieredCache> statistic) {
		TieredCache cache = getCache();
		return (cache != null) ? statistic.applyAsLong(cache) : 0;
	}

}
