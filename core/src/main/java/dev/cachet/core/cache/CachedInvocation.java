package dev.cachet.core.cache;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryInputs;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.Caller;

/**
 * A computation in progress on this thread: the invocation of a cached method, as the advice around
 * Spring's cache interceptor opens it, or a cache's loader. Scopes nest (a cached method calling
 * another restores the outer scope) and are always closed. A scope does two things:
 * <ul>
 * <li><b>Lineage.</b> Every cached result read or written on this thread while it is open is
 * {@linkplain #record recorded} as an input of the computation, except the scope's own lookups and
 * writes, which count for the enclosing one; the result then records its inputs ({@link #inputsOf}).</li>
 * <li><b>Stale entries</b>, for method invocations. When Spring looks an entry up itself
 * ({@code @Cacheable} without {@code sync}), the cache has no loader; the scope gives it one, and a
 * way to answer a failure: a stale entry within stale-while-revalidate is served, and
 * {@link #recomputation()} re-invokes the method through its proxy in the background (every advice applies
 * again); a stale entry within stale-if-error is {@linkplain #offerFallback offered}, and if the method
 * then throws, {@link #run} returns it instead of the exception.</li>
 * </ul>
 */
public final class CachedInvocation {

	/** One holder per thread, read once per invocation: cheaper than setting and removing a thread-local each time. */
	private static final ThreadLocal<Scopes> SCOPES = ThreadLocal.withInitial(Scopes::new);

	/** The invoked method, or {@code null} for a loader. */
	private final @Nullable Method method;

	/** The cache and address a loader computes, or {@code null} for a method invocation. */
	private final @Nullable String loaderCache;

	private final @Nullable CachetKey loaderKey;

	/** The method invocation, or {@code null} for a loader. */
	private final @Nullable Invocation invocation;

	private final @Nullable CachedInvocation outer;

	private @Nullable RecordedInputs inputs;

	private @Nullable Fallback fallback;

	private CachedInvocation(Scopes scopes, @Nullable Method method, @Nullable Call loader,
			@Nullable Invocation invocation) {
		this.method = method;
		this.loaderCache = (loader != null) ? loader.cache() : null;
		this.loaderKey = (loader != null) ? loader.address() : null;
		this.invocation = invocation;
		this.outer = scopes.current;
		scopes.current = this;
	}

	/**
	 * Runs one invocation of a cached method in a scope of its own.
	 * @param method     the invoked method
	 * @param invocation the rest of the invocation (the cache interceptor, then the method), and how
	 *                   to invoke it again
	 * @return what the invocation returns, or, if it throws, the stale value a cache offered
	 * @throws Throwable what the invocation throws when no cache offered a value
	 */
	public static @Nullable Object run(Method method, Invocation invocation) throws Throwable {
		Scopes scopes = SCOPES.get();
		CachedInvocation scope = new CachedInvocation(scopes, method, null, invocation);
		try {
			return invocation.proceed();
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
			scopes.current = scope.outer;
		}
	}

	/**
	 * Runs a cache's loader for a call in a scope of its own, unless the call's method invocation is
	 * the scope in progress (then the loader computes inside it).
	 * @return the loader's value and the inputs it read ({@code null}: more than can be recorded)
	 */
	static <T> Loaded<T> load(Call call, Callable<T> loader) throws Exception {
		Scopes scopes = SCOPES.get();
		CachedInvocation current = scopes.current;
		if (current != null && current.owns(call)) {
			T value = loader.call();
			return new Loaded<>(value, current.inputs());
		}
		CachedInvocation scope = new CachedInvocation(scopes, null, call, null);
		try {
			T value = loader.call();
			return new Loaded<>(value, scope.inputs());
		}
		finally {
			scopes.current = scope.outer;
		}
	}

	/** The invocation in progress of the method a cache view is bound to, or {@code null}. */
	static @Nullable CachedInvocation of(Caller caller) {
		CachedInvocation scope = SCOPES.get().current;
		return (scope != null && scope.invocation != null && caller.role() == Caller.Role.CACHEABLE
				&& scope.invokes(caller.method())) ? scope : null;
	}

	/**
	 * Records that the call read or wrote the entry {@code metadata} describes: an input of the
	 * computation in progress, unless that computation is the call's own (then of the one around it).
	 * Costs one thread-local read when no computation is in progress.
	 */
	static void record(Call call, EntryMetadata metadata) {
		CachedInvocation scope = SCOPES.get().current;
		// small enough to inline into the hit path, where nothing is recorded: a method's own lookup
		if (scope != null && (scope.outer != null || !scope.owns(call))) {
			scope.add(call, metadata);
		}
	}

	private void add(Call call, EntryMetadata metadata) {
		CachedInvocation scope = owns(call) ? outer : this;
		if (scope != null) {
			if (scope.inputs == null) {
				scope.inputs = new RecordedInputs();
			}
			scope.inputs.add(call.cache(), call.keyId(), metadata, call.maxAge());
		}
	}

	/** Whether a computation is in progress on this thread. */
	static boolean inProgress() {
		return SCOPES.get().current != null;
	}

	/**
	 * The inputs a result the call writes now was computed from: those of the call's own computation
	 * in progress, else none. {@code null}: more than an entry can record.
	 */
	static @Nullable EntryInputs inputsOf(Call call) {
		CachedInvocation scope = SCOPES.get().current;
		return (scope != null && scope.owns(call)) ? scope.inputs() : EntryInputs.NONE;
	}

	/** How to invoke the method again, as a recomputation; asked on the invoking thread, run later. */
	Callable<@Nullable Object> recomputation() {
		return invocation.recomputation();
	}

	/** Offers the value to return if the method throws; the first offer wins. */
	void offerFallback(@Nullable Object value, Consumer<Throwable> onServe) {
		if (fallback == null) {
			fallback = new Fallback(value, onServe);
		}
	}

	private @Nullable EntryInputs inputs() {
		return (inputs != null) ? inputs.toInputs() : EntryInputs.NONE;
	}

	/** Whether the call is this computation's own lookup or write. */
	private boolean owns(Call call) {
		if (method == null) {
			return call.address().equals(loaderKey) && call.cache().equals(loaderCache);
		}
		return invokes(call.caller().method());
	}

	private boolean invokes(@Nullable CachedMethod cached) {
		if (cached == null || method == null) {
			return false;
		}
		Method bound = cached.method();
		// the same method, or (behind an interface proxy) the one it implements: Method.equals copies nothing
		return bound == method || bound.equals(method) || (bound.getName().equals(method.getName())
				&& bound.getParameterCount() == method.getParameterCount()
				&& Arrays.equals(bound.getParameterTypes(), method.getParameterTypes()));
	}

	/** A loader's value and the inputs it was computed from ({@code null}: too many to record). */
	record Loaded<T>(T value, @Nullable EntryInputs inputs) {
	}

	/** What {@link #run} returns if the method throws, and what to do when it does. */
	private record Fallback(@Nullable Object value, Consumer<Throwable> onServe) {
	}

	/** The scope in progress on a thread. */
	private static final class Scopes {

		@Nullable CachedInvocation current;

	}

	/** The rest of an invocation of a cached method, and how to invoke it again. */
	public interface Invocation {

		/** Proceeds: the cache interceptor, then the method. */
		@Nullable Object proceed() throws Throwable;

		/**
		 * How to invoke the method again with the same arguments, recomputing and overwriting its
		 * entries. Asked on the invoking thread while the invocation is in progress, so that what is
		 * in force there (the caller's options) applies; run later, on another thread.
		 */
		Callable<@Nullable Object> recomputation();

	}

}
