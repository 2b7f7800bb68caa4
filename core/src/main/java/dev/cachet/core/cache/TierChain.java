package dev.cachet.core.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.support.NullValue;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.method.Caller;
import dev.cachet.core.policy.Behaviour;

/**
 * The tiers of one cache, nearest first. A read walks them in order and serves the first entry the
 * {@link EntryValidity} rules and the result format accept, then fills the nearer tiers with it; an
 * entry that can never be served at its address is deleted. A write goes to every tier, each keeping
 * the entry for at most its storage cap. A failing tier is a counted miss, never an exception.
 */
final class TierChain {

	private static final Logger logger = LoggerFactory.getLogger(TierChain.class);

	private final String cache;

	private final CacheTiers tiers;

	private final TierOperations operations;

	private final EntryValidity validity;

	private final CacheStatistics statistics;

	private final Clock clock;

	TierChain(String cache, List<TierBinding> tiers, TierOperations operations, EntryValidity validity,
			CacheStatistics statistics, Clock clock) {
		this.cache = cache;
		this.tiers = new CacheTiers(cache, tiers);
		this.operations = operations;
		this.validity = validity;
		this.statistics = statistics;
		this.clock = clock;
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
		long now = clock.millis();
		long evictionsStarted = 0;
		boolean evictionRunning = false;
		boolean pendingChecked = false;
		for (int i = 0; i < tiers.size(); i++) {
			TierBinding binding = tiers.get(i);
			if (i == 1) {
				// copies into nearer tiers come from here on, and only when no eviction of the key
				// overlaps the read: noted here, so that a hit in the nearest tier pays nothing
				evictionsStarted = operations.epochs().started(cache, call.keyId());
				evictionRunning = operations.epochs().running(cache, call.keyId());
			}
			if (!pendingChecked && binding.values() == null) {
				// a result computed here whose deferred writes have not landed is newer than any tier's
				pendingChecked = true;
				Object pending = pending(call, format, binding, now);
				if (pending != null) {
					return hit(pending, null, i, call, 0, false, now);
				}
			}
			try (ResultFormat.Candidate found = format.find(binding, call)) {
				Object value = serve(found, call, binding, now);
				if (value != null) {
					return hit(value, found, i, call, evictionsStarted, evictionRunning, now);
				}
			}
		}
		statistics.miss();
		return null;
	}

	/** A result computed here, not yet in every tier, if the call may have it; nothing is counted. */
	private @Nullable Object pending(Call call, ResultFormat format, TierBinding binding, long now) {
		ResultFormat.Candidate candidate = format.pending(call);
		if (candidate == null || validity.check(candidate, call, binding, now) != null) {
			return null;
		}
		try {
			Object value = candidate.value();
			return (value == NullValue.INSTANCE || call.valueType().isInstance(value)) ? value : null;
		}
		catch (ResultFormat.EntryRejectedException ex) {
			return null;
		}
	}

	/** The candidate's value if it may be served to the call, else {@code null}: a miss, counted. */
	private @Nullable Object serve(ResultFormat.@Nullable Candidate found, Call call, TierBinding binding, long now) {
		if (found == null) {
			binding.statistics().miss();
			return null;
		}
		MissReason reason = validity.check(found, call, binding, now);
		Object value = null;
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
		if (reason == MissReason.STALE && call.stale() != null) {
			// only past max-age, everything else checked: it may still be served within a stale window
			call.stale().offer(found, call, now);
		}
		if (reason != null) {
			reject(binding, call, reason);
			return null;
		}
		return value;
	}

	/**
	 * Counts a hit of tier {@code index} and copies the entry into the nearer tiers, unless an
	 * eviction of the key overlaps the read. {@code found} is {@code null} for a pending result.
	 */
	private Object hit(Object value, ResultFormat.@Nullable Candidate found, int index, Call call,
			long evictionsStarted, boolean evictionRunning, long now) {
		TierBinding binding = tiers.get(index);
		if (found == null) {
			statistics.hit(0);
			return value;
		}
		binding.statistics().hit();
		statistics.hit(found.metadata().computeTime().toNanos());
		if (binding.tier().shared()) {
			// after lost invalidations, the local copies of this entry are trusted again
			validity.servedFromShared(found.metadata(), now);
		}
		if (index > 0 && !evictionRunning && !operations.epochs().running(cache, call.keyId())) {
			List<TierBinding> nearer = tiers.subList(0, index);
			found.promote(nearer, call, Instant.ofEpochMilli(now));
			if (operations.epochs().started(cache, call.keyId()) != evictionsStarted) {
				// an eviction overlapped this read: the copies must not outlive it
				operations.evict(nearer, cache, call.keyId(), false);
			}
		}
		return value;
	}

	private void reject(TierBinding binding, Call call, MissReason reason) {
		binding.statistics().miss();
		statistics.reject(reason);
		if (reason.deletes()) {
			binding.statistics().error();
			operations.evict(List.of(binding), cache, call.keyId(), false);
		}
	}

	/**
	 * Stores a computed result in every tier, recording the caller as its producer. A
	 * {@code @Cacheable} fill reaches the tiers that store bytes after this returns; a write that
	 * replaces a value (a put, a recompute) lands everywhere first, then is announced, and no copy
	 * being made of the value it replaces survives it.
	 * @return completes once every tier has the result; {@code null} when it was stored nowhere
	 */
	@Nullable CompletableFuture<?> write(Call call, ResultFormat format, Object storeValue, long computeNanos) {
		Instant now = clock.instant();
		// recorded with its stale windows, so tiers keep it for as long as it may be served stale
		EntryMetadata metadata = new EntryMetadata(now, call.retention(), Duration.ofNanos(computeNanos),
				call.caller().producer(), EntryMetadata.address(cache, call.keyId()));
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
		}
		else {
			statistics.uncached();
		}
		if (overwrites) {
			// other instances may hold the value this one replaces in their node-local tiers
			operations.publishEvict(cache, call.keyId());
		}
		return landed;
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
