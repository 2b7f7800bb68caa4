package dev.cachet.core.cache;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.cachet.core.method.CachedMethod;

/**
 * Which cached methods write to which cache, as the cache annotations declare it. Filled at
 * start-up by the scanner that finds the cached methods; read by Actuator.
 */
public class CacheMethodCatalog {

	private final ConcurrentMap<String, Set<CachedMethod>> methodsByCache = new ConcurrentHashMap<>();

	/** Records that {@code method} caches its results in {@code cache}. */
	public void bind(String cache, CachedMethod method) {
		methodsByCache.computeIfAbsent(cache, name -> ConcurrentHashMap.newKeySet()).add(method);
	}

	/** The names of the caches some method is bound to, sorted. */
	public List<String> cacheNames() {
		return methodsByCache.keySet().stream().sorted().toList();
	}

	/** The methods bound to a cache, by id; empty when none is known. */
	public List<CachedMethod> methodsOf(String cache) {
		return methodsByCache.getOrDefault(cache, Set.of())
			.stream()
			.sorted(Comparator.comparing(CachedMethod::id))
			.toList();
	}

}
