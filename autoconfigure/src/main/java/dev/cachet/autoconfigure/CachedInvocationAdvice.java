package dev.cachet.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.Callable;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.cache.annotation.AnnotationCacheOperationSource;
import org.springframework.cache.interceptor.BeanFactoryCacheOperationSourceAdvisor;
import org.springframework.cache.interceptor.CacheOperationSource;
import org.springframework.core.Ordered;
import org.springframework.util.CollectionUtils;
import org.springframework.util.ReflectionUtils;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.cache.CachedInvocation;
import dev.cachet.core.policy.Behaviour;
import dev.cachet.core.policy.CallOptions;
import dev.cachet.core.policy.Cachet;

/**
 * Runs Spring's cache interceptor inside a {@link CachedInvocation}, the scope of the invocation in
 * progress. Through it the cache records the cached results the method reads while it computes (the
 * inputs its entry records: lineage), and, for {@code @Cacheable} without {@code sync}, where Spring
 * looks entries up and runs the method itself, gets a way to refresh a stale entry (the method invoked
 * again through its proxy, under {@link CallOptions#recompute()}, so transactions and every other
 * advice apply) and to answer a failure of the method with a stale entry within stale-if-error.
 * A call whose entry the memory tier holds may be answered before that ({@link CacheHitShortcut}).
 */
final class CachedInvocationAdvice implements MethodInterceptor {

	private final CacheHitShortcut shortcut = new CacheHitShortcut();

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		ValueWrapper hit = shortcut.hit(invocation);
		if (hit != null) {
			return hit.get();
		}
		return CachedInvocation.run(invocation.getMethod(), new Proceeding(invocation));
	}

	/** The invocation in progress, and how to invoke the method again through its proxy. */
	private record Proceeding(MethodInvocation invocation) implements CachedInvocation.Invocation {

		@Override
		public @Nullable Object proceed() throws Throwable {
			return invocation.proceed();
		}

		/**
		 * Invokes the method again through its proxy, with the caller's options (read now, on the
		 * invoking thread, not on every call) and behaviour recompute.
		 */
		@Override
		public Callable<@Nullable Object> recomputation() {
			CallOptions current = Cachet.current();
			Method method = invocation.getMethod();
			Object[] arguments = invocation.getArguments();
			Object proxy = (invocation instanceof ProxyMethodInvocation proxied) ? proxied.getProxy() : invocation.getThis();
			CallOptions options = (current != null) ? current.withBehaviour(Behaviour.RECOMPUTE) : CallOptions.recompute();
			return () -> Cachet.with(options).callChecked(() -> invoke(proxy, method, arguments));
		}

	}

	private static @Nullable Object invoke(Object proxy, Method method, Object[] arguments) throws Exception {
		try {
			ReflectionUtils.makeAccessible(method);
			return method.invoke(proxy, arguments);
		}
		catch (InvocationTargetException ex) {
			// what the method threw, as a direct call would see it
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	/**
	 * Applies the advice to the methods Spring caches, just outside Spring's cache advisor (whose
	 * order {@code @EnableCaching(order)} sets). A separate advisor rather than a wrapped interceptor:
	 * CGLIB proxies fix each method's chain when their class is generated, which can precede any
	 * change made to Spring's advisor.
	 */
	static final class Advisor extends StaticMethodMatcherPointcutAdvisor {

		private final CacheOperationSource operations = new AnnotationCacheOperationSource();

		private final ObjectProvider<BeanFactoryCacheOperationSourceAdvisor> cacheAdvisor;

		Advisor(ObjectProvider<BeanFactoryCacheOperationSourceAdvisor> cacheAdvisor) {
			super(new CachedInvocationAdvice());
			this.cacheAdvisor = cacheAdvisor;
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return !CollectionUtils.isEmpty(operations.getCacheOperations(method, targetClass));
		}

		@Override
		public int getOrder() {
			BeanFactoryCacheOperationSourceAdvisor spring = cacheAdvisor.getIfUnique();
			int order = (spring != null) ? spring.getOrder() : Ordered.LOWEST_PRECEDENCE;
			return (order == Ordered.HIGHEST_PRECEDENCE) ? order : order - 1;
		}

	}

}
