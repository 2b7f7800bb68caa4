package dev.cachet.core.cache;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.TierStreaming;

/**
 * Moves envelopes into and out of a tier as streams: natively where the tier streams
 * ({@link TierStreaming}), through whole envelopes where it does not.
 */
final class EnvelopeTransfer {

	private EnvelopeTransfer() {
	}

	static @Nullable InputStream open(CacheTier tier, String cache, String key) throws Exception {
		TierStreaming streaming = tier.streaming().orElse(null);
		if (streaming != null) {
			return streaming.openEnvelope(cache, key);
		}
		Envelope envelope = tier.get(cache, key);
		return (envelope != null) ? new ByteArrayInputStream(envelope.bytes()) : null;
	}

	static void store(CacheTier tier, String cache, String key, InputStream envelope, long length,
			Duration ttl) throws Exception {
		TierStreaming streaming = tier.streaming().orElse(null);
		if (streaming != null) {
			streaming.putEnvelope(cache, key, envelope, length, ttl);
			return;
		}
		byte[] bytes;
		try (envelope) {
			bytes = envelope.readAllBytes();
		}
		tier.put(cache, key, Envelope.parse(bytes), ttl);
	}

	static void closeQuietly(InputStream in) {
		if (in != null) {
			try {
				in.close();
			}
			catch (IOException ex) {
				// nothing more to do with a stream that failed
			}
		}
	}

}
