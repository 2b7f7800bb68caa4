package dev.cachet.core.envelope;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Signatures over whole and streamed envelopes: made by the first key, checked by any, broken by any change. */
class EnvelopeSigningTests {

	private static final byte[] OLD = "an old key of sixteen bytes or more".getBytes(StandardCharsets.UTF_8);

	private static final byte[] NEW = "a new key of sixteen bytes or more".getBytes(StandardCharsets.UTF_8);

	private final EntryMetadata metadata = new EntryMetadata(Instant.ofEpochMilli(1_700_000_000_000L),
			Duration.ofHours(1), Duration.ZERO, new Producer(Producer.Kind.CACHEABLE, "com.acme.Svc#load()", "f00d"),
			EntryMetadata.address("ships", "0123456789abcdef0123456789abcdef"));

	private final byte[] payload = "the payload".getBytes(StandardCharsets.UTF_8);

	private Envelope signed(EnvelopeSigner signer) {
		return Envelope.create("codec-1", false, false, metadata, payload, 0, payload.length, signer);
	}

	@Test
	void theFirstKeySignsAndEveryKeyVerifies() throws Exception {
		Envelope byOld = Envelope.parse(signed(EnvelopeSigner.of(List.of(OLD))).bytes().clone());
		Envelope byNew = Envelope.parse(signed(EnvelopeSigner.of(List.of(NEW, OLD))).bytes().clone());
		EnvelopeSigner rotating = EnvelopeSigner.of(List.of(NEW, OLD));
		assertThat(byOld.signed()).isTrue();
		assertThat(byOld.signedBy(rotating)).isTrue();
		assertThat(byNew.signedBy(rotating)).isTrue();
		assertThat(byNew.signedBy(EnvelopeSigner.of(List.of(NEW)))).isTrue();
		assertThat(byOld.signedBy(EnvelopeSigner.of(List.of(NEW)))).as("a removed key no longer verifies").isFalse();
	}

	@Test
	void anUnsignedEnvelopeIsNeverSignedByAnyone() throws Exception {
		Envelope unsigned = Envelope.parse(signed(EnvelopeSigner.none()).bytes().clone());
		assertThat(unsigned.signed()).isFalse();
		assertThat(unsigned.signedBy(EnvelopeSigner.of(List.of(OLD)))).isFalse();
	}

	@Test
	void aChangedByteAnywhereBreaksTheSignatureEvenWithARecomputedChecksum() throws Exception {
		EnvelopeSigner signer = EnvelopeSigner.of(List.of(OLD));
		byte[] original = signed(signer).bytes();
		for (int i = 0; i < original.length - 8; i++) {
			byte[] forged = original.clone();
			forged[i] ^= 0x20;
			// an attacker can recompute the XXH3 checksum: only the signature tells
			java.nio.ByteBuffer.wrap(forged, forged.length - 8, 8).putLong(Envelope.checksum(forged, forged.length - 8));
			try {
				assertThat(Envelope.parse(forged).signedBy(signer)).as("byte %d changed", i).isFalse();
			}
			catch (CorruptEnvelopeException ex) {
				// a change to the header's structure is refused before the signature is read: also a miss
			}
		}
	}

	@Test
	void streamsCarryTheSameSignatureAsWholeEnvelopes() throws Exception {
		EnvelopeSigner signer = EnvelopeSigner.of(List.of(OLD));
		byte[] whole = signed(signer).bytes();
		byte[] streamed = EnvelopeStreams
			.compose("codec-1", false, metadata, new ByteArrayInputStream(payload), payload.length, signer)
			.readAllBytes();
		assertThat(streamed).isEqualTo(whole);
		assertThat(EnvelopeStreams.length("codec-1", metadata, payload.length, signer)).isEqualTo(whole.length);
		try (EnvelopeStreams.Reader reader = EnvelopeStreams.read(new ByteArrayInputStream(whole), signer)) {
			reader.copyPayloadTo(new ByteArrayOutputStream());
			assertThat(reader.signatureValid()).isTrue();
		}
		try (EnvelopeStreams.Reader reader = EnvelopeStreams.read(new ByteArrayInputStream(whole),
				EnvelopeSigner.of(List.of(NEW)))) {
			reader.copyPayloadTo(new ByteArrayOutputStream());
			assertThat(reader.signatureValid()).isFalse();
		}
	}

	@Test
	void keysShorterThanSixteenBytesAreRefusedAndNeverPrinted() {
		assertThatIllegalArgumentException().isThrownBy(() -> EnvelopeSigner.of(List.of("short".getBytes())))
			.withMessageNotContaining("short");
		assertThat(EnvelopeSigner.of(List.of(OLD, NEW)).toString()).isEqualTo("EnvelopeSigner[2 key(s)]");
	}

	@Test
	void theAddressIsPartOfWhatIsSigned() throws Exception {
		EnvelopeSigner signer = EnvelopeSigner.of(List.of(OLD));
		Envelope envelope = Envelope.parse(signed(signer).bytes().clone());
		assertThat(envelope.metadata().writtenAt("ships", "0123456789abcdef0123456789abcdef")).isTrue();
		assertThat(envelope.metadata().writtenAt("ships", "ffffffffffffffffffffffffffffffff")).isFalse();
		assertThat(envelope.metadata().writtenAt("ship", "s\u00000123456789abcdef0123456789abcdef")).isFalse();
	}

}
