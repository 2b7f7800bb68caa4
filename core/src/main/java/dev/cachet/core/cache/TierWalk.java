package dev.cachet.core.cache;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.support.NullValue;

import dev.cachet.core.envelope.EntryMetadata;

/**
 * Reads a call's entry through the tiers, nearest first, blocking ({@link #read}) or not
 * ({@link #readAsync}), with the same steps per tier: before it, the eviction epochs and this JVM's
 * pending result; after it, validity, decoding, statistics and copies into nearer tiers (at once, or
 * through the write-behind queues). Only the way a tier is asked differs.
 */
final class TierWalk {

	private static final Logger logger = LoggerFactory.getLogger(TierWalk.class);

	private final String cache;

	private final CacheTiers tiers;

	private final TierOperations operations;

	private final EntryValidity validity;

	private final CacheStatistics statistics;

	private final AsyncTierReads asyncReads;

	private final LineageGraph lineage;

	private final Rejections rejections;

	private final boolean recordsInputs;

	private final Clock clock;

	TierWalk(String cache, CacheTiers tiers, CacheRuntime runtime, CacheStatistics statistics) {
		this.cache = cache;
		this.tiers = tiers;
		this.operations = runtime.operations();
		this.validity = runtime.validity();
		this.statistics = statistics;
		this.asyncReads = runtime.asyncReads();
		this.lineage = runtime.lineage();
		this.rejections = new Rejections(cache, runtime, statistics);
		this.recordsInputs = runtime.recordsInputs();
		this.clock = runtime.clock();
	}

	/** The store value of the nearest entry that may be served to the call; {@code null} on a miss. */
	@Nullable Object read(Call call, ResultFormat format) {
		return read(new ReadState(call, format, clock.millis(), false, false));
	}

	/**
	 * The value the nearest tier holds for the call, if that tier holds objects and may serve it: a
	 * hit, counted and recorded as {@link #read} does. Anything else is counted nowhere and left in
	 * place, for the full read that follows.
	 */
	@Nullable Object nearest(Call call, ResultFormat format) {
		TierBinding nearest = (tiers.size() > 0) ? tiers.get(0) : null;
		if (nearest == null || nearest.values() == null) {
			return null;
		}
		ReadState walk = ReadState.tentative(call, format, clock.millis());
		return after(walk, 0, format.find(nearest, call, walk.now));
	}

	/**
	 * The check of an input of another entry: what the entry {@link #read} would serve records, counted
	 * nowhere, recorded as no input. Without {@code blocking}, only tiers holding objects are asked.
	 */
	@Nullable EntryMetadata current(Call call, ResultFormat format, boolean blocking) {
		ReadState walk = ReadState.check(call, format, clock.millis(), blocking);
		return (read(walk) != null) ? walk.served : null;
	}

	private @Nullable Object read(ReadState walk) {
		for (int i = 0; i < tiers.size(); i++) {
			Object value = before(walk, i);
			if (value == null && !walk.blocking && tiers.get(i).values() == null) {
				break;
			}
			if (value == null) {
				TierBinding tier = tiers.get(i);
				value = after(walk, i, walk.metadataOnly(tiers, tier) ? walk.format.findMetadata(tier, walk.call, walk.now)
						: walk.format.find(tier, walk.call, walk.now));
			}
			if (value != null) {
				return value;
			}
		}
		return miss(walk);
	}

	/**
	 * As {@link #read}, without blocking the calling thread: remote tiers are read asynchronously,
	 * copies into nearer tiers that store bytes are queued. Never completes exceptionally.
	 */
	CompletableFuture<@Nullable Object> readAsync(Call call, ResultFormat format) {
		return walkFrom(new ReadState(call, format, clock.millis(), true, false), 0).exceptionally(failure -> {
			logger.debug("Asynchronous read of cache '{}' failed; treating it as a miss", cache, failure);
			statistics.miss();
			return null;
		});
	}

	private CompletableFuture<@Nullable Object> walkFrom(ReadState walk, int from) {
		for (int i = from; i < tiers.size(); i++) {
			Object value = before(walk, i);
			if (value != null) {
				return CompletableFuture.completedFuture(value);
			}
			CompletableFuture<ResultFormat.@Nullable Candidate> found = findAsync(walk, tiers.get(i));
			if (!found.isDone()) {
				int index = i;
				return found.thenCompose(candidate -> {
					Object served = after(walk, index, candidate);
					return (served != null) ? CompletableFuture.completedFuture(served) : walkFrom(walk, index + 1);
				});
			}
			value = after(walk, i, found.join());
			if (value != null) {
				return CompletableFuture.completedFuture(value);
			}
		}
		return CompletableFuture.completedFuture(miss(walk));
	}

	private CompletableFuture<ResultFormat.@Nullable Candidate> findAsync(ReadState walk, TierBinding binding) {
		try {
			return walk.format.findAsync(binding, walk.call, walk.now, asyncReads.executor(binding));
		}
		catch (RejectedExecutionException ex) {
			operations.failed(binding, "read", ex);
			return CompletableFuture.completedFuture(null);
		}
	}

	private @Nullable Object miss(ReadState walk) {
		if (!walk.quiet) {
			statistics.miss();
		}
		return null;
	}

	/** What is served before tier {@code index} is asked: this JVM's pending result, or {@code null}. */
	private @Nullable Object before(ReadState walk, int index) {
		TierBinding binding = tiers.get(index);
		if (index == 1) {
			// copies into nearer tiers come from here on, and only when no eviction of the key
			// overlaps the read: noted here, so that a hit in the nearest tier pays nothing
			walk.evictionsStarted = operations.epochs().started(cache, walk.call.keyId());
			walk.evictionRunning = operations.epochs().running(cache, walk.call.keyId());
		}
		if (!walk.pendingChecked && binding.values() == null) {
			// a result computed here whose deferred writes have not landed is newer than any tier's
			walk.pendingChecked = true;
			Object pending = pending(walk, binding);
			if (pending != null && !walk.quiet) {
				statistics.hit(0);
			}
			return pending;
		}
		return null;
	}

	/** The value tier {@code index} serves from what it found, or {@code null}: a counted miss. */
	private @Nullable Object after(ReadState walk, int index, ResultFormat.@Nullable Candidate candidate) {
		try (ResultFormat.Candidate found = candidate) {
			Object value = serve(found, walk, tiers.get(index));
			return (value != null) ? hit(value, found, index, walk) : null;
		}
	}

	/** A result computed here, not yet in every tier, if the call may have it; nothing is counted. */
	private @Nullable Object pending(ReadState walk, TierBinding binding) {
		Call call = walk.call;
		ResultFormat.Candidate candidate = walk.format.pending(call);
		if (candidate == null || validity.check(candidate, call, binding, walk.now, walk.blocking) != null) {
			return null;
		}
		try {
			Object value = candidate.value();
			if (value == NullValue.INSTANCE || call.valueType().isInstance(value)) {
				served(walk, candidate.metadata());
				return value;
			}
			return null;
		}
		catch (ResultFormat.EntryRejectedException ex) {
			return null;
		}
	}

	/** Records the entry a walk serves: as the answer of a check, or as an input of the computation in progress. */
	private void served(ReadState walk, EntryMetadata metadata) {
		if (walk.quiet) {
			walk.served = metadata;
		}
		else if (recordsInputs && !walk.call.returnsFile()) {
			CachedInvocation.record(walk.call, metadata);
		}
	}

	/** The candidate's value if it may be served to the call, else {@code null}: a miss, counted. */
	private @Nullable Object serve(ResultFormat.@Nullable Candidate found, ReadState walk, TierBinding binding) {
		Call call = walk.call;
		if (found == null) {
			if (walk.handlesMisses()) {
				binding.statistics().miss();
			}
			return null;
		}
		MissReason reason = validity.check(found, call, binding, walk.now, walk.blocking);
		Object value = null;
		if (reason == null && walk.metadataOnly(tiers, binding)) {
			return found.authentic() ? found.metadata() : null;
		}
		if (reason == null) {
			try {
				value = found.value();
				if (value != NullValue.INSTANCE && !call.valueType().isInstance(value)) {
					reason = MissReason.WRONG_TYPE;
				}
			}
			catch (ResultFormat.EntryRejectedException ex) {
				reason = ex.reason();
				logger.debug("Entry of tier {} in cache '{}' not served: {}", binding.name(), cache, ex.getMessage());
			}
		}
		if (reason == MissReason.STALE && call.stale() != null && !walk.tentative) {
			// only past max-age, everything else checked: it may still be served within a stale window
			call.stale().offer(found, call, walk.now);
		}
		if (reason != null) {
			rejections.reject(binding, walk, reason);
			return null;
		}
		return value;
	}

	/**
	 * Counts a hit of tier {@code index} and copies the entry into the nearer tiers, unless an
	 * eviction of the key overlaps the read.
	 */
	private Object hit(Object value, ResultFormat.Candidate found, int index, ReadState walk) {
		TierBinding binding = tiers.get(index);
		Call call = walk.call;
		served(walk, found.metadata());
		if (walk.quiet && value == found.metadata()) {
			return value; // a check that read no value: nothing to copy into a nearer tier
		}
		if (!walk.quiet) {
			binding.statistics().hit();
			statistics.hit(found.metadata().computeTime().toNanos());
		}
		if (index > 0 && !walk.quiet && !found.metadata().inputs().isEmpty()) {
			// an entry new to this instance's nearest tier: computed elsewhere or before a restart
			lineage.seen(cache, found.metadata());
		}
		if (binding.tier().shared()) {
			// after lost invalidations, the local copies of this entry are trusted again
			validity.servedFromShared(found.metadata(), walk.now);
		}
		if (index > 0 && !walk.evictionRunning && !operations.epochs().running(cache, call.keyId())) {
			List<TierBinding> nearer = tiers.subList(0, index);
			Instant now = Instant.ofEpochMilli(walk.now);
			if (walk.async) {
				// queued copies check the epoch themselves; only the ones held as objects are made here
				found.promoteAsync(nearer, call, now, walk.evictionsStarted);
				nearer = nearer.stream().filter(tier -> tier.values() != null).toList();
			}
			else {
				found.promote(nearer, call, now);
			}
			if (operations.epochs().started(cache, call.keyId()) != walk.evictionsStarted) {
				// an eviction overlapped this read: the copies must not outlive it
				operations.evict(nearer, cache, call.keyId(), false);
			}
		}
		return value;
	}

}
