package dev.cachet.core.envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeTests {

	private static Envelope sample() {
		byte[] payload = "payload".getBytes();
		return Envelope.create("codec-1", false, false, new EntryMetadata(Instant.ofEpochMilli(1_700_000_000_000L),
				Duration.ofHours(12), Duration.ofMillis(250), new Producer(Producer.Kind.CACHEABLE, "com.acme.Svc#load(java.lang.String)", "abc123"), ""),
				payload, 0, payload.length);
	}

	@Test
	void roundTripsHeaderAndPayload() throws Exception {
		Envelope parsed = Envelope.parse(sample().bytes().clone());
		assertThat(parsed.codecId()).isEqualTo("codec-1");
		assertThat(parsed.metadata()).isEqualTo(sample().metadata());
		assertThat(Arrays.copyOfRange(parsed.bytes(), parsed.payloadOffset(),
				parsed.payloadOffset() + parsed.payloadLength())).isEqualTo("payload".getBytes());
	}

	@Test
	void everySingleBitFlipIsDetected() {
		byte[] bytes = sample().bytes();
		for (int i = 0; i < bytes.length * 8; i++) {
			byte[] flipped = bytes.clone();
			flipped[i / 8] ^= (byte) (1 << (i % 8));
			assertThatThrownBy(() -> Envelope.parse(flipped)).isInstanceOf(CorruptEnvelopeException.class);
		}
	}

	@Test
	void everyTruncationIsDetected() {
		byte[] bytes = sample().bytes();
		for (int length = 0; length < bytes.length; length++) {
			byte[] truncated = Arrays.copyOf(bytes, length);
			assertThatThrownBy(() -> Envelope.parse(truncated)).isInstanceOf(CorruptEnvelopeException.class);
		}
	}

	@Test
	void randomBytesNeverParseAndNeverThrowAnythingElse() {
		Random random = new Random(7);
		for (int i = 0; i < 10_000; i++) {
			byte[] bytes = new byte[random.nextInt(200)];
			random.nextBytes(bytes);
			assertThatThrownBy(() -> Envelope.parse(bytes)).isInstanceOf(CorruptEnvelopeException.class);
		}
	}

	@Test
	void freshnessIsJudgedAgainstCreationTime() {
		Envelope envelope = sample();
		Instant created = envelope.metadata().createdAt();
		assertThat(envelope.metadata().isFresh(Duration.ofMinutes(10), created.plusSeconds(599))).isTrue();
		assertThat(envelope.metadata().isFresh(Duration.ofMinutes(10), created.plusSeconds(600))).isFalse();
	}

}
