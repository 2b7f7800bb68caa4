package dev.cachet.core.cache;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.cachet.core.cache.file.FileFormat;
import dev.cachet.core.method.Caller;

/** The collaborators of one cache, shared by every view of it bound to a caller. */
record CacheParts(String name, CacheSettings settings, CallResolver calls, TierChain chain, SingleFlight flight,
		CacheStatistics statistics, ValueFormat values, FileFormat files, MissTimer timer,
		ConcurrentMap<Caller, TieredCache> bound, StaleServing stale) {

	static CacheParts of(String name, CacheSettings settings, List<TierBinding> tiers, CacheRuntime runtime) {
		CacheStatistics statistics = new CacheStatistics();
		return new CacheParts(name, settings, new CallResolver(name, settings, runtime.addresses()),
				new TierChain(name, tiers, runtime, statistics),
				new SingleFlight(name, runtime.lease()), statistics, runtime.values(), runtime.files(), new MissTimer(),
				new ConcurrentHashMap<>(), new StaleServing(name, runtime.revalidations(), statistics));
	}

}
