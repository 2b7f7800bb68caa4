package dev.cachet.core.cache;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryInputs;
import dev.cachet.core.method.Caller;

/**
 * Computes a call's value with its loader and stores it: one computation per key
 * ({@link SingleFlight}), the cached results the loader reads recorded as the result's inputs, the
 * result written to every tier, and what a caller got recorded as an input of the computation in
 * progress on its thread.
 */
final class Loads {

	private final CacheParts parts;

	private final UnaryOperator<@Nullable Object> toStoreValue;

	/** @param toStoreValue what the cache stores for a value ({@code null} as its marker) */
	Loads(CacheParts parts, UnaryOperator<@Nullable Object> toStoreValue) {
		this.parts = parts;
		this.toStoreValue = toStoreValue;
	}

	/**
	 * The store value of the call, computed here or by the computation of the key already running (in
	 * this JVM, or with a lease in another instance).
	 * @throws org.springframework.cache.Cache.ValueRetrievalException what the loader threw, wrapped
	 */
	Object load(Call call, Object key, Callable<?> valueLoader) {
		CompletableFuture<SingleFlight.Loaded> result = parts.flight().run(call.keyId(), readAgain(call), () -> {
			try {
				return CompletableFuture.completedFuture(compute(call, valueLoader));
			}
			catch (Throwable ex) {
				return CompletableFuture.failedFuture(ex);
			}
		}, true);
		return awaited(call, LoaderCalls.await(key, valueLoader, result));
	}

	/**
	 * As {@link #load}, for a loader that completes later, without blocking: one computation per key
	 * in this JVM. The result records the cached results the loader read before it returned its
	 * future, on this thread; what its stages read on other threads cannot be followed.
	 */
	<T> CompletableFuture<Object> loadAsync(Call call, Supplier<CompletableFuture<T>> valueLoader) {
		return parts.flight().run(call.keyId(), null, () -> {
			long start = System.nanoTime();
			CachedInvocation.Loaded<CompletableFuture<T>> started;
			try {
				started = CachedInvocation.load(call, valueLoader::get);
			}
			catch (Exception ex) {
				return CompletableFuture.failedFuture(ex);
			}
			return started.value()
				.thenApply(value -> loaded(call, toStoreValue.apply(value), System.nanoTime() - start, started.inputs()));
		}, false).thenApply(SingleFlight.Loaded::value);
	}

	/**
	 * The background refresh of a stale entry: the method invoked again through its proxy when its
	 * invocation is in progress (so every advice applies), else the loader, its result replacing the
	 * entry in every tier before the refresh ends.
	 */
	Callable<?> refresh(Call call, Caller caller, Callable<?> valueLoader) {
		CachedInvocation invocation = CachedInvocation.of(caller);
		if (invocation != null) {
			return invocation.recomputation();
		}
		Call recompute = call.recomputing();
		return () -> compute(recompute, valueLoader);
	}

	/** Stores a result, if the call writes; {@code null} when it was stored nowhere. */
	TierChain.@Nullable Written write(Call call, Object storeValue, long computeNanos, @Nullable EntryInputs inputs) {
		return call.writes() ? parts.chain().write(call, format(call), storeValue, computeNanos, inputs) : null;
	}

	/** Runs the loader, recording the cached results it reads, and stores its value. */
	private SingleFlight.Loaded compute(Call call, Callable<?> loader) throws Exception {
		long start = System.nanoTime();
		CachedInvocation.Loaded<?> computed = CachedInvocation.load(call, loader);
		return loaded(call, toStoreValue.apply(computed.value()), System.nanoTime() - start, computed.inputs());
	}

	/** Stores a computed value; the flight holds its lease until the value has landed in every tier. */
	private SingleFlight.Loaded loaded(Call call, Object storeValue, long nanos, @Nullable EntryInputs inputs) {
		parts.statistics().load(nanos);
		TierChain.Written written = write(call, storeValue, nanos, inputs);
		return (written != null) ? new SingleFlight.Loaded(storeValue, written.landed(), written.metadata())
				: new SingleFlight.Loaded(storeValue, null, null);
	}

	/**
	 * What a caller gets from the computation it ran or waited for, recorded as an input of the
	 * computation in progress on its thread, if any: the entry written, or, when another instance
	 * wrote it, the entry read again here (the flight read it on another thread).
	 */
	private Object awaited(Call call, SingleFlight.Loaded loaded) {
		if (loaded.metadata() != null) {
			CachedInvocation.record(call, loaded.metadata());
			return loaded.value();
		}
		Object again = (loaded.fromElsewhere() && CachedInvocation.inProgress()) ? read(call) : null;
		return (again != null) ? again : loaded.value();
	}

	/** What a caller that waited for another instance's computation reads, or nothing when it may not read. */
	private @Nullable Supplier<@Nullable Object> readAgain(Call call) {
		return call.reads() ? () -> read(call) : null;
	}

	private @Nullable Object read(Call call) {
		return parts.chain().read(call, format(call));
	}

	private ResultFormat format(Call call) {
		return call.returnsFile() ? parts.files() : parts.values();
	}

}
