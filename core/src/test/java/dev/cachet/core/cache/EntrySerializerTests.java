package dev.cachet.core.cache;

import java.time.Duration;
import java.time.Instant;
import dev.cachet.core.envelope.Producer;
import dev.cachet.core.envelope.EnvelopeSigner;

import org.junit.jupiter.api.Test;
import org.springframework.cache.support.NullValue;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;

import static org.assertj.core.api.Assertions.assertThat;

class EntrySerializerTests {

	private final EntryMetadata metadata = new EntryMetadata(Instant.parse("2026-01-01T00:00:00Z"),
			Duration.ofHours(1), Duration.ofMillis(5), new Producer(Producer.Kind.CACHEABLE, "a.B#m()", "f"), "");

	@Test
	void compressesPayloadsAboveTheThresholdAndReadsThemBack() throws Exception {
		EntrySerializer serializer = new EntrySerializer(new JavaSerializationCodec(), 1024);
		String large = "x".repeat(100_000);
		Envelope envelope = serializer.serialize(large, metadata, EnvelopeSigner.none());
		assertThat(envelope.compressed()).isTrue();
		assertThat(envelope.size()).isLessThan(10_000);
		Envelope copy = Envelope.parse(envelope.bytes().clone());
		assertThat(serializer.deserialize(copy)).isEqualTo(large);
	}

	@Test
	void leavesSmallPayloadsUncompressed() throws Exception {
		EntrySerializer serializer = new EntrySerializer(new JavaSerializationCodec(), 1024);
		Envelope envelope = serializer.serialize("small", metadata, EnvelopeSigner.none());
		assertThat(envelope.compressed()).isFalse();
		assertThat(serializer.deserialize(Envelope.parse(envelope.bytes().clone()))).isEqualTo("small");
	}

	@Test
	void cachedNullHasNoPayload() throws Exception {
		EntrySerializer serializer = new EntrySerializer(new JavaSerializationCodec());
		Envelope envelope = serializer.serialize(NullValue.INSTANCE, metadata, EnvelopeSigner.none());
		assertThat(envelope.nullValue()).isTrue();
		assertThat(envelope.payloadLength()).isZero();
		assertThat(serializer.deserialize(Envelope.parse(envelope.bytes().clone()))).isSameAs(NullValue.INSTANCE);
	}

	@Test
	void envelopeKeepsItsMetadataThroughBytes() throws Exception {
		Envelope envelope = new EntrySerializer(new JavaSerializationCodec()).serialize("v", metadata, EnvelopeSigner.none());
		assertThat(Envelope.parse(envelope.bytes().clone()).metadata()).isEqualTo(metadata);
	}

}
