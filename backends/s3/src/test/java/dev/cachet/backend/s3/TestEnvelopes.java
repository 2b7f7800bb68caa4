package dev.cachet.backend.s3;

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

	static Envelope of(String text, Instant createdAt, Duration computeTime) {
		return of(text.getBytes(StandardCharsets.UTF_8), createdAt, computeTime);
	}

	static Envelope of(byte[] payload, Instant createdAt, Duration computeTime) {
		EntryMetadata metadata = new EntryMetadata(createdAt, Duration.ofHours(1), computeTime, new Producer(Producer.Kind.CACHEABLE, "Svc#load()", "fp"), "");
		return Envelope.create("test", false, false, metadata, payload, 0, payload.length);
	}

	static String text(Envelope envelope) {
		return new String(envelope.bytes(), envelope.payloadOffset(), envelope.payloadLength(), StandardCharsets.UTF_8);
	}

}
