package dev.cachet.core.cache;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.Caller;

/**
 * Which annotated methods use which cache, in which role and with which kind of key, as the cache
 * annotations declare it. Filled at start-up by the scanner that finds the cached methods; read by
 * Actuator.
 */
public class CacheMethodCatalog {

	private final ConcurrentMap<String, Set<Binding>> bindingsByCache = new ConcurrentHashMap<>();

	/** Records that {@code method} uses {@code cache} in {@code role}, its key made as {@code keyKind} says. */
	public void bind(String cache, CachedMethod method, Caller.Role role, KeyKind keyKind) {
		bindingsByCache.computeIfAbsent(cache, name -> ConcurrentHashMap.newKeySet())
			.add(new Binding(method, role, keyKind));
	}

	/** The names of the caches some method is bound to, sorted. */
	public List<String> cacheNames() {
		return bindingsByCache.keySet().stream().sorted().toList();
	}

	/** The bindings of a cache, by method id then role; empty when none is known. */
	public List<Binding> bindingsOf(String cache) {
		return bindingsByCache.getOrDefault(cache, Set.of())
			.stream()
			.sorted(Comparator.comparing((Binding binding) -> binding.method().id()).thenComparing(Binding::role))
			.toList();
	}

	/** The methods bound to a cache, by id; empty when none is known. */
	public List<CachedMethod> methodsOf(String cache) {
		return bindingsOf(cache).stream().map(Binding::method).distinct().toList();
	}

	/** How a method's cache key is made. */
	public enum KeyKind {

		/** Cachet's key generator: the arguments not marked {@code @CacheKeyIgnore}. */
		DEFAULT,

		/** A SpEL {@code key} expression. */
		EXPRESSION,

		/** A named {@code keyGenerator}, or one set by a {@code CachingConfigurer}. */
		GENERATOR

	}

	/** One method using one cache. */
	public record Binding(CachedMethod method, Caller.Role role, KeyKind keyKind) {
	}

}
