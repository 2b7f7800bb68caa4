package dev.cachet.core.envelope;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeStreamsTests {

	private final EntryMetadata metadata = new EntryMetadata(Instant.ofEpochMilli(1_700_000_000_000L),
			Duration.ofHours(1), Duration.ofSeconds(3), new Producer(Producer.Kind.CACHEABLE, "com.acme.Export#run()", "0123456789abcdef"), "");

	private static byte[] payload(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	@Test
	void composedBytesAreExactlyTheEnvelopeFormat() throws IOException {
		for (int size : new int[] { 0, 1, 1000, 200_000 }) {
			byte[] payload = payload(size);
			byte[] streamed = EnvelopeStreams.compose("file-1", false, metadata, new ByteArrayInputStream(payload), size, EnvelopeSigner.none())
				.readAllBytes();
			byte[] whole = Envelope.create("file-1", false, false, metadata, payload, 0, size).bytes();
			assertThat(streamed).isEqualTo(whole);
			assertThat(EnvelopeStreams.length("file-1", metadata, size, EnvelopeSigner.none())).isEqualTo(whole.length);
		}
	}

	@Test
	void readerVerifiesAndCopiesThePayload() throws Exception {
		byte[] payload = payload(300_000);
		byte[] envelope = Envelope.create("file-1", false, false, metadata, payload, 0, payload.length).bytes();
		try (EnvelopeStreams.Reader reader = EnvelopeStreams.read(new ByteArrayInputStream(envelope))) {
			assertThat(reader.metadata()).isEqualTo(metadata);
			assertThat(reader.codecId()).isEqualTo("file-1");
			assertThat(reader.payloadLength()).isEqualTo(payload.length);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			reader.copyPayloadTo(out);
			assertThat(out.toByteArray()).isEqualTo(payload);
		}
	}

	@Test
	void everyFlipTruncationAndExtensionIsDetected() {
		byte[] payload = payload(64);
		byte[] envelope = Envelope.create("file-1", false, false, metadata, payload, 0, payload.length).bytes();
		for (int bit = 0; bit < envelope.length * 8; bit++) {
			byte[] flipped = envelope.clone();
			flipped[bit / 8] ^= (byte) (1 << (bit % 8));
			assertThatThrownBy(() -> readFully(flipped)).isInstanceOf(CorruptEnvelopeException.class);
		}
		for (int length = 0; length < envelope.length; length++) {
			byte[] truncated = Arrays.copyOf(envelope, length);
			assertThatThrownBy(() -> readFully(truncated)).isInstanceOf(CorruptEnvelopeException.class);
		}
		byte[] longer = Arrays.copyOf(envelope, envelope.length + 1);
		assertThatThrownBy(() -> readFully(longer)).isInstanceOf(CorruptEnvelopeException.class);
	}

	@Test
	void composingFailsWhenThePayloadHasAnotherLength() {
		InputStream shorter = EnvelopeStreams.compose("file-1", false, metadata, new ByteArrayInputStream(new byte[5]), 6, EnvelopeSigner.none());
		assertThatThrownBy(shorter::readAllBytes).isInstanceOf(IOException.class);
		InputStream longer = EnvelopeStreams.compose("file-1", false, metadata, new ByteArrayInputStream(new byte[7]), 6, EnvelopeSigner.none());
		assertThatThrownBy(longer::readAllBytes).isInstanceOf(IOException.class);
	}

	private static void readFully(byte[] envelope) throws Exception {
		try (EnvelopeStreams.Reader reader = EnvelopeStreams.read(new ByteArrayInputStream(envelope))) {
			reader.copyPayloadTo(OutputStream.nullOutputStream());
		}
	}

}
