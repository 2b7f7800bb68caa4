package dev.cachet.core.cache;

import org.springframework.cache.support.NullValue;

import dev.cachet.core.tier.HeapBudget;
import dev.cachet.core.codec.CodecException;
import dev.cachet.core.codec.ValueCodec;
import dev.cachet.core.codec.ZstdCompression;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.EnvelopeSigner;

/**
 * Turns store values into envelopes and back with the configured {@link ValueCodec}, compressing
 * payloads above a threshold with zstd.
 */
public class EntrySerializer {

	private final ValueCodec codec;

	/** A payload claiming more than the heap budget is refused before anything is allocated. */
	private final ZstdCompression compression = new ZstdCompression(3,
			(int) Math.min(ZstdCompression.MAX_ARRAY_SIZE, HeapBudget.wholeEntryLimit()));

	private final long compressionThreshold;

	/** A serializer that never compresses. */
	public EntrySerializer(ValueCodec codec) {
		this(codec, Long.MAX_VALUE);
	}

	/** @param compressionThreshold payloads longer than this many bytes are compressed */
	public EntrySerializer(ValueCodec codec, long compressionThreshold) {
		this.codec = codec;
		this.compressionThreshold = compressionThreshold;
	}

	/**
	 * Serializes a store value ({@link NullValue#INSTANCE} for a cached {@code null}) into an envelope
	 * signed by {@code signer} when it has keys.
	 */
	public Envelope serialize(Object storeValue, EntryMetadata metadata, EnvelopeSigner signer) throws CodecException {
		if (storeValue == NullValue.INSTANCE) {
			return Envelope.ofNull(codec.id(), metadata, signer);
		}
		byte[] payload = codec.encode(storeValue);
		if (payload.length > compressionThreshold) {
			byte[] compressed = compression.compress(payload, 0, payload.length);
			if (compressed.length < payload.length) {
				return Envelope.create(codec.id(), true, false, metadata, compressed, 0, compressed.length, signer);
			}
		}
		return Envelope.create(codec.id(), false, false, metadata, payload, 0, payload.length, signer);
	}

	/** Whether envelopes written by {@code codecId} are this serializer's to decode. */
	public boolean decodes(String codecId) {
		return codec.id().equals(codecId);
	}

	/**
	 * The store value of an envelope.
	 * @throws CodecException if the envelope was written by another codec or cannot be decoded
	 */
	public Object deserialize(Envelope envelope) throws CodecException {
		if (envelope.nullValue()) {
			return NullValue.INSTANCE;
		}
		if (!codec.id().equals(envelope.codecId())) {
			throw new CodecException("entry written by codec '" + envelope.codecId() + "', this is '" + codec.id() + "'");
		}
		if (envelope.compressed()) {
			byte[] payload = compression.decompress(envelope.bytes(), envelope.payloadOffset(), envelope.payloadLength());
			return codec.decode(payload, 0, payload.length);
		}
		return codec.decode(envelope.bytes(), envelope.payloadOffset(), envelope.payloadLength());
	}

	/**
	 * An equal copy of a store value, made by encoding and decoding it: what a memory hit returns
	 * when the memory tier copies on read.
	 * @throws CodecException if the value cannot be encoded or decoded
	 */
	public Object copy(Object storeValue) throws CodecException {
		if (storeValue == NullValue.INSTANCE) {
			return storeValue;
		}
		byte[] payload = codec.encode(storeValue);
		return codec.decode(payload, 0, payload.length);
	}

}
