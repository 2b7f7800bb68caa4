package dev.cachet.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

import dev.cachet.core.cache.TieredCacheManager;

/**
 * Runs one cached call the way the application's own calls run: through a proxy with the
 * application's advisors (Cachet's invocation advice, Spring's cache interceptor), Cachet's cache
 * resolver and key generator, and the cache's read and write path. The first cached call after a
 * restart otherwise pays for loading and first running all of it (tens of milliseconds). The call
 * is on a target of Cachet's own, whose cache ({@link TieredCacheManager#CALL_WARM_UP_CACHE}) has no
 * tiers: nothing is stored, read from or announced to any tier. Failures are logged at DEBUG only.
 */
final class CallPathWarmUp implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(CallPathWarmUp.class);

	private final ListableBeanFactory beanFactory;

	CallPathWarmUp(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void run() {
		if (resolvedElsewhere()) {
			logger.debug("Call path not warmed up: a CachingConfigurer names its own cache manager or resolver");
			return;
		}
		try {
			List<Advisor> advisors = AopUtils.findAdvisorsThatCanApply(
					new ArrayList<>(beanFactory.getBeansOfType(Advisor.class, false, false).values()), Target.class);
			if (advisors.isEmpty()) {
				return;
			}
			AnnotationAwareOrderComparator.sort(advisors);
			ProxyFactory factory = new ProxyFactory(new Target());
			factory.setProxyTargetClass(true); // as Spring Boot proxies beans by default
			factory.addAdvisors(advisors);
			Target proxy = (Target) factory.getProxy(Target.class.getClassLoader());
			proxy.echo("warm-up");
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Call path not warmed up", ex);
		}
	}

	/**
	 * Whether the application's {@link CachingConfigurer} may resolve caches somewhere else than in
	 * Cachet's manager: the warm-up call would then reach a cache of that resolver, maybe a shared one.
	 */
	private boolean resolvedElsewhere() {
		for (CachingConfigurer configurer : beanFactory.getBeansOfType(CachingConfigurer.class, false, false).values()) {
			if (configurer instanceof CachetCachingConfigurer) {
				continue;
			}
			CacheManager manager = configurer.cacheManager();
			if (configurer.cacheResolver() != null || (manager != null && !(manager instanceof TieredCacheManager))) {
				return true;
			}
		}
		return false;
	}

	/** The warm-up's own cached method; public, as Spring caches public methods only. */
	public static class Target {

		/** Returns its argument, never stored (its cache has no tiers). */
		@Cacheable(TieredCacheManager.CALL_WARM_UP_CACHE)
		public String echo(String text) {
			return text;
		}

	}

}
