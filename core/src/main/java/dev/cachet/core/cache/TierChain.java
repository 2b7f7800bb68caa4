package dev.cachet.core.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryInputs;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.method.Caller;
import dev.cachet.core.policy.Behaviour;

/**
 * The tiers of one cache, nearest first. A read ({@link TierWalk}) walks them in order and serves the first entry the
 * {@link EntryValidity} rules and the result format accept, then fills the nearer tiers with it; an
 * entry that can never be served at its address is deleted. A write goes to every tier, each keeping
 * the entry for at most its storage cap. A failing tier is a counted miss, never an exception.
 */
final class TierChain {

	/** No max-age: an input's freshness is bounded by the expiry its dependent recorded. */
	private static final Duration ANY_AGE = Duration.ofMillis(Long.MAX_VALUE);

	private final String cache;

	private final CacheTiers tiers;

	private final TierOperations operations;

	private final CacheStatistics statistics;

	private final TierWalk walk;

	private final LineageGraph lineage;

	private final boolean recordsInputs;

	private final Clock clock;

	TierChain(String cache, List<TierBinding> tiers, CacheRuntime runtime, CacheStatistics statistics) {
		this.cache = cache;
		this.tiers = new CacheTiers(cache, tiers);
		this.operations = runtime.operations();
		this.statistics = statistics;
		this.lineage = runtime.lineage();
		this.recordsInputs = runtime.recordsInputs();
		this.walk = new TierWalk(cache, this.tiers, runtime, statistics);
		this.clock = runtime.clock();
	}

	CacheTiers tiers() {
		return tiers;
	}

	/** Whether any tier holds an entry for the key. */
	boolean holds(String keyId) {
		return tiers.stream().anyMatch(binding -> operations.holds(binding, cache, keyId));
	}

	/** The store value of the nearest entry that may be served to the call; {@code null} on a miss. */
	@Nullable Object read(Call call, ResultFormat format) {
		return walk.read(call, format);
	}

	/** The nearest tier's value for the call, if it holds objects and may serve it: see {@link TierWalk#nearest}. */
	@Nullable Object nearest(Call call, ResultFormat format) {
		return walk.nearest(call, format);
	}

	/**
	 * What the entry at {@code key} records if application code may be served it, whatever its age,
	 * counted nowhere: see {@link TierWalk#current}.
	 */
	@Nullable EntryMetadata inspect(CachetKey key, ResultFormat format, boolean blocking) {
		return walk.current(new Call(cache, key, Caller.PROGRAMMATIC, ANY_AGE, Behaviour.DEFAULT), format, blocking);
	}

	/**
	 * As {@link #read}, without blocking the calling thread; never completes exceptionally. A read
	 * that had to wait for a tier completes on the common pool, as Caffeine's asynchronous caches do:
	 * what Spring runs next (the method, on a miss) must not run on a tier's I/O thread or on the few
	 * threads that read the tiers without native async reads.
	 */
	CompletableFuture<@Nullable Object> readAsync(Call call, ResultFormat format) {
		CompletableFuture<@Nullable Object> read = walk.readAsync(call, format);
		return read.isDone() ? read : read.thenApplyAsync(value -> value, ForkJoinPool.commonPool());
	}

	/**
	 * Stores a computed result in every tier, recording the caller as its producer. A
	 * {@code @Cacheable} fill reaches the tiers that store bytes after this returns; a write that
	 * replaces a value (a put, a recompute) lands everywhere first, then is announced, and no copy
	 * being made of the value it replaces survives it. The computation in progress, if any, records the
	 * result as one of its inputs.
	 * @param inputs the cached results it was computed from; {@code null} when there were more than an
	 * entry can record, and then it is not stored
	 * @return what was written, and when it has landed in every tier; {@code null} when it was stored nowhere
	 */
	@Nullable Written write(Call call, ResultFormat format, Object storeValue, long computeNanos,
			@Nullable EntryInputs recorded) {
		EntryInputs inputs = recordsInputs ? recorded : EntryInputs.NONE;
		if (inputs == null) {
			statistics.uncached();
			TooManyInputs.warnOnce(call);
			return null;
		}
		Instant now = clock.instant();
		// recorded with its stale windows, so tiers keep it for as long as it may be served stale
		EntryMetadata metadata = new EntryMetadata(now, call.retention(), Duration.ofNanos(computeNanos),
				call.caller().producer(), EntryMetadata.address(cache, call.keyId()), EntryMetadata.newVersion(), inputs);
		boolean overwrites = overwrites(call);
		CompletableFuture<?> landed;
		if (overwrites) {
			// written as an eviction is: a promotion or a queued fill of the old value overlapping it is withdrawn
			landed = operations.superseding(cache, call.keyId(),
					() -> format.write(tiers, call, storeValue, metadata, now, false));
		}
		else {
			landed = format.write(tiers, call, storeValue, metadata, now, true);
		}
		if (landed != null) {
			statistics.put();
			if (recordsInputs && !call.returnsFile()) {
				CachedInvocation.record(call, metadata);
			}
			if (!inputs.isEmpty()) {
				lineage.seen(cache, metadata);
			}
		}
		else {
			statistics.uncached();
		}
		if (overwrites) {
			// other instances may hold the value this one replaces in their node-local tiers
			operations.publishEvict(cache, call.keyId());
		}
		return (landed != null) ? new Written(metadata, landed) : null;
	}

	/**
	 * A result written.
	 * @param landed completes once every tier has it
	 */
	record Written(EntryMetadata metadata, CompletableFuture<?> landed) {
	}

	/**
	 * Whether a write replaces a value other instances may still serve: a put or a recompute. A
	 * {@code @Cacheable} write only fills a gap; what it displaces is never served to its reader.
	 */
	private static boolean overwrites(Call call) {
		return call.behaviour() == Behaviour.RECOMPUTE || call.caller().role() != Caller.Role.CACHEABLE;
	}

	/** Removes one entry from every tier and announces it to other instances. */
	void evict(String keyId) {
		operations.evict(tiers, cache, keyId, true);
	}

	/** Removes every entry from every tier and announces it to other instances. */
	void clear() {
		operations.clear(tiers, cache, true);
	}

}
