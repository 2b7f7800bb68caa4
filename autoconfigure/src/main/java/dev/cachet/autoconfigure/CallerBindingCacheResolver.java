package dev.cachet.autoconfigure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheEvictOperation;
import org.springframework.cache.interceptor.BasicOperation;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.interceptor.CacheOperationInvocationContext;
import org.springframework.cache.interceptor.CachePutOperation;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.cache.interceptor.CacheableOperation;
import org.springframework.cache.interceptor.SimpleCacheResolver;

import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.method.Caller;

/**
 * Binds every Cachet cache that Spring's cache interceptor resolves for an annotated method to that
 * method and its role, whatever made the key (Cachet's generator, a {@code key} expression, a
 * custom generator) and whatever resolver found the cache (the default one, or a user's from a
 * {@code CachingConfigurer}). The bound cache records the method as the producer of what it writes
 * and serves only what that method may read, which is how every key kind stays code-aware.
 */
final class CallerBindingCacheResolver implements CacheResolver {

	private final CacheResolver delegate;

	private final CachedMethods methods;

	CallerBindingCacheResolver(CacheResolver delegate, CachedMethods methods) {
		this.delegate = delegate;
		this.methods = methods;
	}

	@Override
	public Collection<? extends Cache> resolveCaches(CacheOperationInvocationContext<?> context) {
		Collection<? extends Cache> caches = delegate.resolveCaches(context);
		if (caches.size() == 1 && caches.iterator().next() instanceof TieredCache tiered) {
			return List.of(tiered.bind(caller(context)));
		}
		List<Cache> bound = new ArrayList<>(caches.size());
		Caller caller = null;
		for (Cache cache : caches) {
			if (cache instanceof TieredCache tiered) {
				if (caller == null) {
					caller = caller(context);
				}
				bound.add(tiered.bind(caller));
			}
			else {
				bound.add(cache);
			}
		}
		return bound;
	}

	private Caller caller(CacheOperationInvocationContext<?> context) {
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(context.getTarget());
		return methods.resolve(targetClass, context.getMethod(), context.getTarget()).as(role(context.getOperation()));
	}

	static Caller.Role role(BasicOperation operation) {
		if (operation instanceof CacheableOperation) {
			return Caller.Role.CACHEABLE;
		}
		if (operation instanceof CachePutOperation) {
			return Caller.Role.PUT;
		}
		return (operation instanceof CacheEvictOperation) ? Caller.Role.EVICT : Caller.Role.PROGRAMMATIC;
	}

	/**
	 * Wraps the resolver of every cache interceptor, once all singletons exist, so a user's
	 * {@code CachingConfigurer} (its own resolver, manager, key generator or error handler) keeps
	 * working and stays code-aware. Spring resolves the interceptor's resolver and starts caching at
	 * this same moment, so no cached call runs before.
	 */
	static void installIn(ListableBeanFactory beanFactory, CachedMethods methods) {
		for (CacheAspectSupport aspect : beanFactory.getBeansOfType(CacheAspectSupport.class, false, false).values()) {
			CacheResolver current = aspect.getCacheResolver();
			if (!(current instanceof CallerBindingCacheResolver)) {
				CacheResolver delegate = (current != null) ? current
						: new SimpleCacheResolver(beanFactory.getBean(CacheManager.class));
				aspect.setCacheResolver(new CallerBindingCacheResolver(delegate, methods));
			}
		}
	}

}
