package dev.cachet.backend.disk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import dev.cachet.core.envelope.Producer;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;

/** Envelopes for tests. */
final class TestEnvelopes {

	private TestEnvelopes() {
	}

	static Envelope envelope(String payload) {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		return Envelope.create("test", false, false,
				new EntryMetadata(Instant.now(), Duration.ofHours(1), Duration.ZERO, new Producer(Producer.Kind.CACHEABLE, "m", "fp"), ""), bytes, 0,
				bytes.length);
	}

	static String payload(Envelope envelope) {
		return new String(envelope.bytes(), envelope.payloadOffset(), envelope.payloadLength(),
				StandardCharsets.UTF_8);
	}

}
