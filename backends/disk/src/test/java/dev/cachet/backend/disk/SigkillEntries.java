package dev.cachet.backend.disk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import dev.cachet.core.envelope.Producer;

import dev.cachet.core.envelope.EntryInputs;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;

/**
 * The entries the killed writer writes: each key's envelope is a pure function of its number, so the
 * surviving JVM can tell a whole entry from anything else. Sizes vary from 1 KB to about 300 KB, so a
 * kill often lands in the middle of writing a file.
 */
final class SigkillEntries {

	static final String CACHE = "sigkill";

	private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

	private SigkillEntries() {
	}

	static String key(int i) {
		return String.format("entry-%05d", i);
	}

	static Envelope envelope(int i) {
		byte[] payload = new byte[1024 + (i * 7919) % (300 * 1024)];
		Arrays.fill(payload, (byte) ('a' + i % 26));
		byte[] label = key(i).getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(label, 0, payload, 0, label.length);
		// the same bytes in the writer and in the test that checks them: a version of its own, not a random one
		EntryMetadata metadata = new EntryMetadata(CREATED, Duration.ofDays(365), Duration.ofMillis(i),
				new Producer(Producer.Kind.CACHEABLE, "writer#" + i, "fp"), "", i, EntryInputs.NONE);
		return Envelope.create("test", false, false, metadata, payload, 0, payload.length);
	}

}
