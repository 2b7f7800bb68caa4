package dev.cachet.core.cache;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.method.Caller;

/**
 * The invocation of a cached method in progress on this thread, as the advice around Spring's cache
 * interceptor opens it. When Spring looks an entry up itself ({@code @Cacheable} without
 * {@code sync}), the cache has no loader; this scope gives it one, and a way to answer a failure:
 * <ul>
 * <li>a stale entry within stale-while-revalidate is served, and {@link #recompute()} re-invokes the
 * method through its proxy in the background (every advice applies again);</li>
 * <li>a stale entry within stale-if-error is {@linkplain #offerFallback offered}; if the method then
 * throws, {@link #run} returns it instead of the exception.</li>
 * </ul>
 * Scopes nest (a cached method calling another restores the outer scope) and are always closed.
 */
public final class CachedInvocation {

	private static final ThreadLocal<CachedInvocation> CURRENT = new ThreadLocal<>();

	private final Method method;

	private final Callable<?> recompute;

	private @Nullable Fallback fallback;

	private CachedInvocation(Method method, Callable<?> recompute) {
		this.method = method;
		this.recompute = recompute;
	}

	/**
	 * Runs one invocation of a cached method in a scope of its own.
	 * @param method    the invoked method
	 * @param recompute invokes it again with the same arguments, recomputing and overwriting its entries
	 * @param body      the rest of the invocation: the cache interceptor, then the method
	 * @return what {@code body} returns, or, if it throws, the stale value a cache offered
	 * @throws Throwable what {@code body} throws when no cache offered a value
	 */
	public static @Nullable Object run(Method method, Callable<?> recompute, Body body) throws Throwable {
		CachedInvocation scope = new CachedInvocation(method, recompute);
		CachedInvocation outer = CURRENT.get();
		CURRENT.set(scope);
		try {
			return body.proceed();
		}
		catch (Throwable ex) {
			Fallback fallback = scope.fallback;
			if (fallback == null) {
				throw ex;
			}
			fallback.onServe().accept(ex);
			Object value = fallback.value();
			// the cache holds what Spring unwrapped from an Optional; the caller expects the Optional
			return (method.getReturnType() == Optional.class && !(value instanceof Optional)) ? Optional.ofNullable(value)
					: value;
		}
		finally {
			if (outer == null) {
				CURRENT.remove();
			}
			else {
				CURRENT.set(outer);
			}
		}
	}

	/** The invocation in progress of the method a cache view is bound to, or {@code null}. */
	static @Nullable CachedInvocation of(Caller caller) {
		CachedInvocation scope = CURRENT.get();
		if (scope == null || caller.role() != Caller.Role.CACHEABLE || caller.method() == null) {
			return null;
		}
		Method bound = caller.method().method();
		boolean same = bound.getName().equals(scope.method.getName())
				&& Arrays.equals(bound.getParameterTypes(), scope.method.getParameterTypes());
		return same ? scope : null;
	}

	/** Invokes the method again, as a recomputation. */
	Object recompute() throws Exception {
		return recompute.call();
	}

	/** Offers the value to return if the method throws; the first offer wins. */
	void offerFallback(@Nullable Object value, Consumer<Throwable> onServe) {
		if (fallback == null) {
			fallback = new Fallback(value, onServe);
		}
	}

	/** What {@link #run} returns if the method throws, and what to do when it does. */
	private record Fallback(@Nullable Object value, Consumer<Throwable> onServe) {
	}

	/** The rest of an invocation. */
	@FunctionalInterface
	public interface Body {

		@Nullable Object proceed() throws Throwable;

	}

}
