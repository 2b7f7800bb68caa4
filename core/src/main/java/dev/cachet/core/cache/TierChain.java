package dev.cachet.core.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
		for (int i = 0; i < tiers.size(); i++) {
			TierBinding binding = tiers.get(i);
			if (i == 1) {
				// copies into nearer tiers come from here on, and only when no eviction of the key
				// overlaps the read: noted here, so that a hit in the nearest tier pays nothing
				evictionsStarted = operations.epochs().started(cache, call.keyId());
				evictionRunning = operations.epochs().running(cache, call.keyId());
			}
			try (ResultFormat.Candidate found = format.find(binding, call)) {
				if (found == null) {
					binding.statistics().miss();
					continue;
				}
				MissReason reason = validity.check(found.metadata(), call, binding, now);
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
				if (reason != null) {
					reject(binding, call, reason);
					continue;
				}
				binding.statistics().hit();
				statistics.hit(found.metadata().computeTime().toNanos());
				if (binding.tier().shared()) {
					// after lost invalidations, the local copies of this entry are trusted again
					validity.servedFromShared(found.metadata(), now);
				}
				if (i > 0 && !evictionRunning && !operations.epochs().running(cache, call.keyId())) {
					List<TierBinding> nearer = tiers.subList(0, i);
					found.promote(nearer, Instant.ofEpochMilli(now));
					if (operations.epochs().started(cache, call.keyId()) != evictionsStarted) {
						// an eviction overlapped this read: the copies must not outlive it
						operations.evict(nearer, cache, call.keyId(), false);
					}
				}
				return value;
			}
		}
		statistics.miss();
		return null;
	}

	private void reject(TierBinding binding, Call call, MissReason reason) {
		binding.statistics().miss();
		statistics.reject(reason);
		if (reason.deletes()) {
			binding.statistics().error();
			operations.evict(List.of(binding), cache, call.keyId(), false);
		}
	}

	/** Stores a computed result in every tier, recording the caller as its producer. */
	void write(Call call, ResultFormat format, Object storeValue, long computeNanos) {
		Instant now = clock.instant();
		EntryMetadata metadata = new EntryMetadata(now, call.maxAge(), Duration.ofNanos(computeNanos),
				call.caller().producer(), EntryMetadata.address(cache, call.keyId()));
		if (format.write(tiers, call, storeValue, metadata, now)) {
			statistics.put();
		}
		else {
			statistics.uncached();
		}
		if (overwrites(call)) {
			// other instances may hold the value this one replaces in their node-local tiers
			operations.publishEvict(cache, call.keyId());
		}
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
