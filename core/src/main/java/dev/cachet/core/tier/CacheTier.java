package dev.cachet.core.tier;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.Envelope;

/**
 * One storage level of a Cachet cache: memory, disk, Redis, S3, or one of your own.
 *
 * <p>A tier stores opaque, immutable {@link Envelope}s under a cache name and a key id. The key id
 * is printable, fixed-length and safe as a file name, a Redis key and an S3 object key; it never
 * contains user text. Tiers know nothing about values, codecs, producers or freshness: the tiered
 * cache above them decides at read time whether an entry may be served and how long each tier may
 * keep it.
 *
 * <p>The contract is small: {@link #get}, {@link #put}, {@link #evict}, {@link #clear},
 * {@link #health} and {@link #close}. Capabilities a tier may add are offered through
 * {@link #streaming()} and {@link #inspection()}, empty by default, the way Caffeine's
 * {@code Policy} offers optional features.
 *
 * <p>Implementations may throw on failure; the tiered cache turns every failure into a miss and
 * counts it. They must never return an envelope whose bytes they did not verify as an intact
 * envelope (see {@link Envelope#parse(byte[])}).
 */
public interface CacheTier extends AutoCloseable {

	/** Tier type, such as {@code memory} or {@code disk}; used in logs and metrics. */
	String type();

	/** Where the tier stores data (a path, a node, a bucket), never including credentials. */
	String location();

	/**
	 * Whether every application instance sees the same data (Redis, S3). Evictions published by
	 * other instances are applied to the tiers that are not shared, and entries read from shared
	 * tiers are checked against signing keys when they are configured.
	 */
	default boolean shared() {
		return false;
	}

	/** Whether entries outlive the process (every tier but memory). */
	default boolean persistent() {
		return true;
	}

	/**
	 * Reads an entry.
	 * @return the envelope, or {@code null} when the tier holds no intact entry for the key
	 */
	@Nullable Envelope get(String cache, String key) throws Exception;

	/**
	 * Stores an entry, replacing any previous one.
	 * @param storageTtl how long the tier may keep the entry, always positive
	 */
	void put(String cache, String key, Envelope envelope, Duration storageTtl) throws Exception;

	/** Removes one entry, if present. */
	void evict(String cache, String key) throws Exception;

	/** Removes every entry of a cache. */
	void clear(String cache) throws Exception;

	/** Current health, cheap to call; remote tiers report connectivity and circuit state. */
	default TierHealth health() {
		return TierHealth.up();
	}

	/**
	 * Streaming of envelopes too large to hold in memory, if this tier offers it natively. File
	 * results larger than a few megabytes are stored only in tiers that do.
	 */
	default Optional<TierStreaming> streaming() {
		return Optional.empty();
	}

	/**
	 * Non-blocking reads, if this tier offers them natively (Redis). Without them, reads for
	 * asynchronous methods run on a small executor per tier, off the caller's thread.
	 */
	default Optional<TierAsyncReads> asyncReads() {
		return Optional.empty();
	}

	/** Listing and counting of entries for Actuator and metrics, if this tier offers it. */
	default Optional<TierInspection> inspection() {
		return Optional.empty();
	}

	/**
	 * How this tier holds results as objects, if it does (the memory tier); such a tier is read and
	 * written with values, never with envelopes, except for file results.
	 */
	default Optional<ValueHolding> values() {
		return Optional.empty();
	}

	/**
	 * Announcements among the processes that share this tier's storage without sharing a server:
	 * a folder on one machine used by several processes. The cache manager listens to it and
	 * announces its evictions on it, as on a configured {@link InvalidationBus}.
	 */
	default Optional<InvalidationBus> invalidations() {
		return Optional.empty();
	}

	@Override
	default void close() throws Exception {
	}

}
