package dev.cachet.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.cache.interceptor.SimpleCacheResolver;

import dev.cachet.core.method.CachedMethods;

/**
 * Wraps the cache resolver of every cache interceptor in a {@link CallerBindingCacheResolver} once
 * all singletons exist, so a user's {@code CachingConfigurer} (its own resolver, manager, key
 * generator or error handler) keeps working and stays code-aware. Spring resolves the interceptor's
 * resolver and starts caching at this same moment, so no cached call runs before.
 */
final class CallerBindingInstaller implements SmartInitializingSingleton {

	private final ListableBeanFactory beanFactory;

	private final CachedMethods methods;

	CallerBindingInstaller(ListableBeanFactory beanFactory, CachedMethods methods) {
		this.beanFactory = beanFactory;
		this.methods = methods;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (CacheAspectSupport aspect : beanFactory.getBeansOfType(CacheAspectSupport.class, false, false).values()) {
			CacheResolver current = aspect.getCacheResolver();
			if (current instanceof CallerBindingCacheResolver) {
				continue;
			}
			CacheResolver delegate = (current != null) ? current
					: new SimpleCacheResolver(beanFactory.getBean(CacheManager.class));
			aspect.setCacheResolver(new CallerBindingCacheResolver(delegate, methods));
		}
	}

}
