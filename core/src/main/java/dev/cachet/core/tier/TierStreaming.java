package dev.cachet.core.tier;

import java.io.InputStream;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A tier's native streaming of envelope bytes: a large entry moves between a file and the tier
 * without ever being whole in the heap. Offered through {@link CacheTier#streaming()}.
 */
public interface TierStreaming {

	/**
	 * Opens an entry's envelope bytes; the caller verifies them while reading
	 * ({@link dev.cachet.core.envelope.EnvelopeStreams#read}) and closes the stream.
	 * @return the stream, or {@code null} when the tier holds no entry for the key
	 */
	@Nullable InputStream openEnvelope(String cache, String key) throws Exception;

	/**
	 * Stores {@code length} envelope bytes read from {@code envelope}, which the tier closes. A
	 * partial entry must never become readable.
	 */
	void putEnvelope(String cache, String key, InputStream envelope, long length, Duration storageTtl)
			throws Exception;

}
