package dev.cachet.autoconfigure;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.Pointcut;
import org.springframework.aop.PointcutAdvisor;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.cache.Cache;
import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.cache.interceptor.CacheInterceptor;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CacheOperationSource;
import org.springframework.cache.interceptor.CacheableOperation;
import org.springframework.core.MethodClassKey;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.util.StringUtils;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.method.Caller;

/**
 * Answers a {@code @Cacheable} call whose entry the memory tier holds without entering Spring's
 * cache interceptor, for the methods where the interceptor would do nothing else on a hit: one
 * {@code @Cacheable} operation on one cache, with the key generator, resolver and manager Cachet
 * configured, no {@code condition}, a plain return type (not {@code Optional}, asynchronous or
 * reactive), and the interceptor the very next advice in the method's chain. The key is the one
 * the interceptor would make, the view of the cache the one it would resolve, and the hit is
 * counted and recorded as one through the interceptor is. Anything else (a miss, an entry the memory
 * tier may not serve, a call with options that do not read) goes on to the interceptor, which then
 * reads as if the shortcut had not been tried: nothing was counted.
 *
 * <p>The interceptor's own work on a hit (its per-call contexts, the cache resolution, the lookups
 * of its operation metadata) cost more than the hit itself; Caffeine's hits pay it too.
 */
final class CacheHitShortcut {

	/** The route of each method, for the class it was first called on. */
	private final ConcurrentMap<Method, Route> routes = new ConcurrentHashMap<>();

	/** Routes of methods called on more than one class. */
	private final ConcurrentMap<MethodClassKey, Route> otherRoutes = new ConcurrentHashMap<>();

	/**
	 * The memory tier's value for the call, or {@code null} when the call must go on to Spring's
	 * interceptor.
	 */
	@Nullable ValueWrapper hit(MethodInvocation invocation) {
		Object target = invocation.getThis();
		if (target == null || !(invocation instanceof ProxyMethodInvocation proxied)
				|| !(proxied.getProxy() instanceof Advised advised)) {
			return null;
		}
		Method method = invocation.getMethod();
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(target);
		int advisors = advised.getAdvisorCount();
		Route route = routes.get(method);
		if (route == null || route.targetClass() != targetClass || route.advisors() != advisors) {
			route = route(advised, method, target, targetClass, advisors);
		}
		if (route == null || route.cache() == null) {
			return null;
		}
		try {
			return route.cache().nearestHit(route.keys().generate(target, method, invocation.getArguments()));
		}
		catch (RuntimeException ex) {
			// the interceptor makes the same calls next, and handles what they throw as it always does
			return null;
		}
	}

	/**
	 * The method's route on the class, found again when the proxy's advisors change; {@code null}
	 * while Cachet's resolver is not installed yet.
	 */
	private @Nullable Route route(Advised advised, Method method, Object target, Class<?> targetClass, int advisors) {
		MethodClassKey key = new MethodClassKey(method, targetClass);
		Route known = otherRoutes.get(key);
		if (known != null && known.advisors() == advisors) {
			return known;
		}
		Route route = find(advised, method, target, targetClass, advisors);
		if (route != null) {
			// a race may store an older route: every read checks its class and advisor count
			Route first = routes.get(method);
			if (first == null || first.targetClass() == targetClass) {
				routes.put(method, route);
			}
			else {
				otherRoutes.put(key, route);
			}
		}
		return route;
	}

	private static @Nullable Route find(Advised advised, Method method, Object target, Class<?> targetClass,
			int advisors) {
		Route none = new Route(targetClass, advisors, null, null);
		if (!plain(method)) {
			return none;
		}
		CacheInterceptor interceptor = nextInterceptor(advised, method, targetClass);
		if (interceptor == null) {
			return none;
		}
		if (!(interceptor.getCacheResolver() instanceof CallerBindingCacheResolver resolver)) {
			return null; // installed once all singletons exist: decide then
		}
		TieredCacheManager manager = resolver.byNamesIn();
		CacheOperationSource source = interceptor.getCacheOperationSource();
		if (manager == null || source == null || !(interceptor.getKeyGenerator() instanceof CachetKeyGenerator keys)) {
			return none;
		}
		Collection<CacheOperation> operations = source.getCacheOperations(method, targetClass);
		if (operations == null || operations.size() != 1
				|| !(operations.iterator().next() instanceof CacheableOperation cacheable) || !byDefaults(cacheable)) {
			return none;
		}
		Cache cache = manager.getCache(cacheable.getCacheNames().iterator().next());
		if (!(cache instanceof TieredCache tiered)) {
			return none;
		}
		Caller caller = resolver.methods().resolve(targetClass, method, target).as(Caller.Role.CACHEABLE);
		return new Route(targetClass, advisors, tiered.bind(caller), keys);
	}

	/** A return type the interceptor hands back as the cache holds it: not wrapped, not asynchronous or reactive. */
	private static boolean plain(Method method) {
		Class<?> type = method.getReturnType();
		Class<?>[] parameters = method.getParameterTypes();
		boolean suspending = parameters.length > 0
				&& parameters[parameters.length - 1].getName().equals("kotlin.coroutines.Continuation");
		return !method.isVarArgs() && type != void.class && type != Optional.class
				&& !CompletableFuture.class.isAssignableFrom(type)
				&& ReactiveAdapterRegistry.getSharedInstance().getAdapter(type) == null && !suspending;
	}

	/** Whether the operation is a plain {@code @Cacheable} on one cache, as Cachet configured it. */
	private static boolean byDefaults(CacheableOperation operation) {
		return operation.getCacheNames().size() == 1 && !StringUtils.hasText(operation.getKey())
				&& !StringUtils.hasText(operation.getKeyGenerator()) && !StringUtils.hasText(operation.getCacheManager())
				&& !StringUtils.hasText(operation.getCacheResolver()) && !StringUtils.hasText(operation.getCondition());
	}

	/**
	 * Spring's cache interceptor, if it is the advice that follows Cachet's in the method's chain;
	 * any other advice in between (a transaction, a security check) must run as it would on a hit.
	 */
	private static @Nullable CacheInterceptor nextInterceptor(Advised advised, Method method, Class<?> targetClass) {
		boolean afterCachet = false;
		for (Advisor advisor : advised.getAdvisors()) {
			if (!afterCachet) {
				afterCachet = advisor instanceof CachedInvocationAdvice.Advisor;
			}
			else if (applies(advisor, method, targetClass)) {
				return (advisor.getAdvice() instanceof CacheInterceptor interceptor) ? interceptor : null;
			}
		}
		return null;
	}

	/** Whether the advisor advises the method; an advisor that cannot tell statically counts as advising it. */
	private static boolean applies(Advisor advisor, Method method, Class<?> targetClass) {
		if (!(advisor instanceof PointcutAdvisor pointcutAdvisor)) {
			return true;
		}
		Pointcut pointcut = pointcutAdvisor.getPointcut();
		return pointcut.getClassFilter().matches(targetClass) && pointcut.getMethodMatcher().matches(method, targetClass);
	}

	/**
	 * Where a method's hits are answered on one target class, while its proxy has {@code advisors}
	 * advisors: the view of the cache bound to the method, and the key generator; both {@code null}
	 * ({@link #cache} is the one read) when its calls go to the interceptor.
	 */
	private record Route(Class<?> targetClass, int advisors, @Nullable TieredCache cache,
			@Nullable CachetKeyGenerator keys) {
	}

}
