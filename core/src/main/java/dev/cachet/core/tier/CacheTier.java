package dev.cachet.core.tier;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.cachet.core.envelope.Envelope;

/**
 * One storage level of a Cachet cache: memory, disk, Redis, S3.
 *
 * <p>A tier stores opaque, immutable {@link Envelope}s under a cache name and a key id. The key id
 * is printable, fixed-length and safe as a file name, a Redis key and an S3 object key; it never
 * contains user text. Tiers know nothing about values, codecs or freshness: the tiered cache above
 * them checks freshness at read time and decides how long each tier may keep an entry.
 *
 * <p>Implementations may throw on failure; the tiered cache turns every failure into a miss and
 * counts it. They must never return an envelope whose bytes they did not verify as an intact
 * envelope (see {@link Envelope#parse(byte[])}).
 */
public interface CacheTier extends AutoCloseable {

	/** Tier type, such as {@code memory} or {@code disk}; used in configuration, logs and metrics. */
	String type();

	/** Where the tier stores data (a path, a node, a bucket), never including credentials. */
	String location();

	/**
	 * Whether every application instance sees the same data (Redis, S3). Evictions published by
	 * other instances are applied to the tiers that are not shared.
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
	Envelope get(String cache, String key) throws Exception;

	/**
	 * Stores an entry, replacing any previous one.
	 * @param storageTtl how long the tier may keep the entry, always positive
	 */
	void put(String cache, String key, Envelope envelope, Duration storageTtl) throws Exception;

	/** Removes one entry, if present. */
	void evict(String cache, String key) throws Exception;

	/** Removes every entry of a cache. */
	void clear(String cache) throws Exception;

	/**
	 * Whether {@link #openEnvelope} and {@link #putEnvelope} stream natively, without holding the
	 * whole envelope in memory. Large values are only stored in tiers that do.
	 */
	default boolean streams() {
		return false;
	}

	/**
	 * Opens an entry's envelope bytes for streaming; the caller verifies them while reading
	 * ({@link dev.cachet.core.envelope.EnvelopeStreams#read}) and closes the stream.
	 * @return the stream, or {@code null} when the tier holds no entry for the key
	 */
	default InputStream openEnvelope(String cache, String key) throws Exception {
		Envelope envelope = get(cache, key);
		return (envelope != null) ? new ByteArrayInputStream(envelope.bytes()) : null;
	}

	/**
	 * Stores {@code length} envelope bytes read from {@code envelope}, which the tier closes. A
	 * partial entry must never become readable.
	 */
	default void putEnvelope(String cache, String key, InputStream envelope, long length, Duration storageTtl)
			throws Exception {
		byte[] bytes;
		try (envelope) {
			bytes = envelope.readAllBytes();
		}
		put(cache, key, Envelope.parse(bytes), storageTtl);
	}

	/** Asynchronous read; remote tiers override it to avoid blocking a thread. */
	default CompletableFuture<Envelope> getAsync(String cache, String key) {
		try {
			return CompletableFuture.completedFuture(get(cache, key));
		}
		catch (Exception ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** Number of entries across all caches, when cheap to know. */
	default OptionalLong entryCount() {
		return OptionalLong.empty();
	}

	/** Stored bytes across all caches, when cheap to know. */
	default OptionalLong sizeInBytes() {
		return OptionalLong.empty();
	}

	/**
	 * The entries of one cache this tier holds, for inspection (Actuator): key id, envelope
	 * metadata and size, never payloads. Entries past their storage time may be left out. The
	 * caller closes the stream. Optional: tiers that cannot list their entries keep this default.
	 * @throws UnsupportedOperationException if the tier cannot list entries
	 */
	default Stream<TierEntry> entries(String cache) throws Exception {
		throw new UnsupportedOperationException(type() + " tier does not list its entries");
	}

	/** Current health, cheap to call; remote tiers report connectivity and circuit state. */
	default TierHealth health() {
		return TierHealth.up();
	}

	@Override
	default void close() throws Exception {
	}

}
