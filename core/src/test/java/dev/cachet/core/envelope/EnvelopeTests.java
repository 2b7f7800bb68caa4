package dev.cachet.core.envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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
		Envelope sample = sample();
		Envelope parsed = Envelope.parse(sample.bytes().clone());
		assertThat(parsed.codecId()).isEqualTo("codec-1");
		assertThat(parsed.metadata()).isEqualTo(sample.metadata());
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

	@Test
	void roundTripsVersionAndInputs() throws Exception {
		EntryInputs inputs = new EntryInputs(List.of(new EntryInputs.Input("prices", "0123456789abcdef0123456789abcdef", 42L),
				new EntryInputs.Input("rates", "fedcba9876543210fedcba9876543210", -7L)), 1_700_000_360_000L);
		EntryMetadata metadata = new EntryMetadata(Instant.ofEpochMilli(1_700_000_000_000L), Duration.ofHours(1),
				Duration.ZERO, Producer.PROGRAMMATIC, "reports\u0000k", 99L, inputs);
		byte[] payload = "report".getBytes();
		Envelope parsed = Envelope.parse(Envelope.create("codec-1", false, false, metadata, payload, 0, payload.length)
			.bytes()
			.clone());
		assertThat(parsed.metadata()).isEqualTo(metadata);
		assertThat(parsed.metadata().version()).isEqualTo(99L);
		assertThat(parsed.metadata().inputs().inputs()).extracting(EntryInputs.Input::cache).containsExactly("prices", "rates");
		assertThat(parsed.metadata().isFresh(Duration.ofHours(1), 1_700_000_359_999L)).isTrue();
		assertThat(parsed.metadata().isFresh(Duration.ofHours(1), 1_700_000_360_000L))
			.as("expired with its first input, before its own max-age").isFalse();
	}

	@Test
	void readsEnvelopesOfFormatVersion2WithoutInputs() throws Exception {
		EntryMetadata metadata = new EntryMetadata(Instant.ofEpochMilli(1_700_000_000_000L), Duration.ofHours(1),
				Duration.ZERO, Producer.PROGRAMMATIC, "c\u0000k", 5L, EntryInputs.NONE);
		byte[] payload = "old".getBytes();
		byte[] current = Envelope.create("codec-1", false, false, metadata, payload, 0, payload.length).bytes();
		// version 2 is version 3 without the 20 bytes of version, inputs expiry and input count before the payload length
		int lineage = current.length - 8 - payload.length - 4 - 20;
		byte[] old = new byte[current.length - 20];
		System.arraycopy(current, 0, old, 0, lineage);
		System.arraycopy(current, lineage + 20, old, lineage, current.length - lineage - 20 - 8);
		old[4] = 2;
		java.nio.ByteBuffer.wrap(old, old.length - 8, 8).putLong(Envelope.checksum(old, old.length - 8));
		Envelope parsed = Envelope.parse(old);
		assertThat(parsed.metadata().version()).isZero();
		assertThat(parsed.metadata().inputs()).isEqualTo(EntryInputs.NONE);
		assertThat(parsed.metadata().createdAt()).isEqualTo(metadata.createdAt());
		old[4] = 1;
		java.nio.ByteBuffer.wrap(old, old.length - 8, 8).putLong(Envelope.checksum(old, old.length - 8));
		assertThatThrownBy(() -> Envelope.parse(old)).isInstanceOf(CorruptEnvelopeException.class);
	}

}
