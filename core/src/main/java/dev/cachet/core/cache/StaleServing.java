package dev.cachet.core.cache;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryMetadata;

/**
 * What one cache does with the stale entry a read found ({@link StaleEntry}) when it had no fresh
 * one: within stale-while-revalidate it serves it at once and starts one background refresh; within
 * stale-if-error it serves it when the recomputation throws, counted and logged once per method.
 */
final class StaleServing {

	private static final Logger logger = LoggerFactory.getLogger(StaleServing.class);

	private final String cache;

	private final Revalidations revalidations;

	private final CacheStatistics statistics;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	StaleServing(String cache, Revalidations revalidations, CacheStatistics statistics) {
		this.cache = cache;
		this.revalidations = revalidations;
		this.statistics = statistics;
	}

	/**
	 * The stale store value to serve at once, starting {@code refresh} in the background; {@code null}
	 * when the read found nothing within stale-while-revalidate.
	 * @param readAgain reads the entry again, for a refresh that waited for another instance's
	 */
	@Nullable Object whileRevalidating(Call call, Supplier<@Nullable Object> readAgain, Callable<?> refresh) {
		Object value = (call.stale() != null) ? call.stale().within(call.staleWhileRevalidate()) : null;
		if (value != null) {
			statistics.staleHit();
			served(call);
			revalidations.refresh(cache, call.keyId(), statistics, () -> readAgain.get() != null, refresh);
		}
		return value;
	}

	/** The stale store value to serve instead of {@code failure}, or {@code null} when none is within stale-if-error. */
	@Nullable Object ifError(Call call, @Nullable Throwable failure) {
		Object value = (call.stale() != null) ? call.stale().within(call.staleIfError()) : null;
		if (value != null) {
			servedOnError(call, failure);
		}
		return value;
	}

	/**
	 * After a lookup miss of a method invocation in progress (Spring runs the method itself): serves a
	 * stale entry within stale-while-revalidate, re-invoking the method in the background, or offers
	 * one within stale-if-error to answer if the method throws.
	 * @param fromStore turns a store value into what the method returns
	 * @return the store value to serve now, or {@code null} for a miss
	 */
	@Nullable Object afterLookupMiss(Call call, CachedInvocation invocation, Supplier<@Nullable Object> readAgain,
			UnaryOperator<@Nullable Object> fromStore) {
		Object value = whileRevalidating(call, readAgain, invocation.recomputation());
		if (value == null && call.stale() != null) {
			Object fallback = call.stale().within(call.staleIfError());
			if (fallback != null) {
				invocation.offerFallback(fromStore.apply(fallback), failure -> servedOnError(call, failure));
			}
		}
		return value;
	}

	/** The stale entry a computation in progress is given is one of its inputs. */
	private static void served(Call call) {
		EntryMetadata metadata = (call.stale() != null) ? call.stale().metadata() : null;
		if (metadata != null) {
			CachedInvocation.record(call, metadata);
		}
	}

	private void servedOnError(Call call, @Nullable Throwable failure) {
		statistics.staleIfError();
		served(call);
		String method = (call.caller().method() != null) ? call.caller().method().id() : "application code";
		if (warned.add(method)) {
			logger.warn("Cache '{}' served a stale entry of {} because its recomputation failed "
					+ "(stale-if-error; logged once per method): {}", cache, method, String.valueOf(failure));
		}
		else {
			logger.debug("Cache '{}' served a stale entry of {} because its recomputation failed", cache, method,
					failure);
		}
	}

}
