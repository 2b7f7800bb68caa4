package dev.cachet.autoconfigure;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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

import org.jspecify.annotations.Nullable;

import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;
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

	/** The most views remembered per method; beyond that, views are bound on every call. */
	private static final int MAX_VIEWS_PER_METHOD = 8;

	private final CacheResolver delegate;

	private final CachedMethods methods;

	/**
	 * By method: the views already bound for its calls, so that a call resolving one cache finds its
	 * view with one map lookup and a few reference comparisons.
	 */
	private final ConcurrentMap<Method, View[]> views = new ConcurrentHashMap<>();

	/**
	 * Whether the delegate is Spring's resolver by cache names over Cachet's manager, whose cache of a
	 * name never changes: then a remembered view answers for the operation without asking it.
	 */
	private final boolean byNames;

	CallerBindingCacheResolver(CacheResolver delegate, CachedMethods methods) {
		this.delegate = delegate;
		this.methods = methods;
		this.byNames = delegate.getClass() == SimpleCacheResolver.class
				&& ((SimpleCacheResolver) delegate).getCacheManager().getClass() == TieredCacheManager.class;
	}

	/**
	 * Cachet's manager, when this resolver finds caches by name in it (the delegate is Spring's
	 * resolver by names over it), else {@code null}.
	 */
	@Nullable TieredCacheManager byNamesIn() {
		return byNames ? (TieredCacheManager) ((SimpleCacheResolver) delegate).getCacheManager() : null;
	}

	/** The methods whose callers it binds caches to. */
	CachedMethods methods() {
		return methods;
	}

	@Override
	public Collection<? extends Cache> resolveCaches(CacheOperationInvocationContext<?> context) {
		View remembered = byNames ? remembered(context, null) : null;
		if (remembered != null) {
			return remembered.bound();
		}
		Collection<? extends Cache> caches = delegate.resolveCaches(context);
		if (caches.size() == 1 && caches.iterator().next() instanceof TieredCache tiered) {
			View view = remembered(context, tiered);
			return (view != null) ? view.bound() : remember(context, tiered).bound();
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

	/** The view remembered for the call's operation and target class (and {@code cache}, unless {@code null}), or {@code null}. */
	private @Nullable View remembered(CacheOperationInvocationContext<?> context, @Nullable TieredCache cache) {
		View[] known = views.get(context.getMethod());
		if (known == null) {
			return null;
		}
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(context.getTarget());
		BasicOperation operation = context.getOperation();
		for (View view : known) {
			if ((cache == null || view.cache() == cache) && view.targetClass() == targetClass
					&& view.operation() == operation) {
				return view;
			}
		}
		return null;
	}

	/** Binds the cache to the call's caller and remembers the view, up to {@value #MAX_VIEWS_PER_METHOD} per method. */
	private View remember(CacheOperationInvocationContext<?> context, TieredCache cache) {
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(context.getTarget());
		View made = new View(cache, targetClass, context.getOperation(),
				List.of(cache.bind(caller(targetClass, context))));
		views.merge(context.getMethod(), new View[] { made },
				(old, added) -> (old.length < MAX_VIEWS_PER_METHOD) ? append(old, made) : old);
		return made;
	}

	private static View[] append(View[] views, View view) {
		View[] longer = Arrays.copyOf(views, views.length + 1);
		longer[views.length] = view;
		return longer;
	}

	private Caller caller(CacheOperationInvocationContext<?> context) {
		return caller(AopProxyUtils.ultimateTargetClass(context.getTarget()), context);
	}

	private Caller caller(Class<?> targetClass, CacheOperationInvocationContext<?> context) {
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
	 * A cache bound to the caller of one operation on one target class. Spring keeps one operation
	 * object per annotated method and class, so the same object means the same method, role and class.
	 */
	private record View(TieredCache cache, Class<?> targetClass, BasicOperation operation, List<Cache> bound) {
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
