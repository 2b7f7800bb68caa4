package dev.cachet.core.envelope;

import java.nio.ByteBuffer;
import java.util.Arrays;

import com.dynatrace.hash4j.hashing.Hashing;

/**
 * The immutable byte form of a cache entry, identical in every tier, so promoting a hit from one
 * tier to another is a byte copy.
 *
 * <pre>
 * header (see EnvelopeHeader: version, flags, times, codec, producer, address, payload length)
 * | payload | HMAC-SHA256 of all before (32, only when signed) | XXH3-64 of all before (8)
 * </pre>
 *
 * The trailing checksum covers everything, so a flipped bit or a truncated file anywhere fails
 * {@link #parse(byte[])}. The checksum stops accidents, not people: the optional signature
 * ({@link EnvelopeSigner}) is what stops a writer without the key.
 */
public final class Envelope {

	/**
	 * Current format version. Readers also take version 2 (before entries recorded their inputs) and
	 * refuse any other, so entries of other versions are misses.
	 */
	public static final byte FORMAT_VERSION = 3;

	/** Largest payload the format records (its length field is a signed 32-bit integer). */
	public static final long MAX_PAYLOAD = Integer.MAX_VALUE;

	private static final byte[] EMPTY = new byte[0];

	private final byte[] bytes;

	private final EnvelopeHeader header;

	private final int payloadOffset;

	private Envelope(byte[] bytes, EnvelopeHeader header, int payloadOffset) {
		this.bytes = bytes;
		this.header = header;
		this.payloadOffset = payloadOffset;
	}

	/** Builds an unsigned envelope around an encoded payload; see {@link #create(String, boolean, boolean, EntryMetadata, byte[], int, int, EnvelopeSigner)}. */
	public static Envelope create(String codecId, boolean compressed, boolean nullValue, EntryMetadata metadata,
			byte[] payload, int payloadOffset, int payloadLength) {
		return create(codecId, compressed, nullValue, metadata, payload, payloadOffset, payloadLength,
				EnvelopeSigner.none());
	}

	/**
	 * Builds an envelope around an encoded payload.
	 * @param codecId    id of the codec that wrote the payload (at most 255 bytes)
	 * @param compressed whether the payload is zstd-compressed
	 * @param nullValue  whether the entry stands for a cached {@code null} (payload then empty)
	 * @param signer     signs the envelope when it has keys
	 */
	public static Envelope create(String codecId, boolean compressed, boolean nullValue, EntryMetadata metadata,
			byte[] payload, int payloadOffset, int payloadLength, EnvelopeSigner signer) {
		EnvelopeHeader header = new EnvelopeHeader(EnvelopeHeader.flags(compressed, nullValue, signer.enabled()),
				codecId, metadata, payloadLength);
		byte[] head = header.encode();
		int signature = signer.enabled() ? EnvelopeSigner.SIGNATURE_LENGTH : 0;
		byte[] out = new byte[head.length + payloadLength + signature + 8];
		System.arraycopy(head, 0, out, 0, head.length);
		System.arraycopy(payload, payloadOffset, out, head.length, payloadLength);
		int signed = head.length + payloadLength;
		if (signature > 0) {
			System.arraycopy(signer.sign(out, 0, signed), 0, out, signed, signature);
		}
		ByteBuffer.wrap(out, out.length - 8, 8).putLong(checksum(out, out.length - 8));
		return new Envelope(out, header, head.length);
	}

	/** Builds an envelope for a cached {@code null}. */
	public static Envelope ofNull(String codecId, EntryMetadata metadata, EnvelopeSigner signer) {
		return create(codecId, false, true, metadata, EMPTY, 0, 0, signer);
	}

	/**
	 * Parses and verifies envelope bytes. The array is kept, not copied: callers hand over ownership.
	 * @throws CorruptEnvelopeException if the bytes are not an intact envelope of this format version
	 */
	public static Envelope parse(byte[] bytes) throws CorruptEnvelopeException {
		if (bytes == null || bytes.length < EnvelopeHeader.MIN + 8) {
			throw new CorruptEnvelopeException("too short");
		}
		long expected = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
		if (checksum(bytes, bytes.length - 8) != expected) {
			throw new CorruptEnvelopeException("checksum mismatch");
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, bytes.length - 8);
		EnvelopeHeader header;
		try {
			header = EnvelopeHeader.read(length -> {
				if (length > buffer.remaining()) {
					throw new CorruptEnvelopeException("truncated header");
				}
				byte[] field = new byte[length];
				buffer.get(field);
				return field;
			});
		}
		catch (java.io.IOException ex) {
			throw new CorruptEnvelopeException("unreadable header: " + ex.getMessage());
		}
		int payloadOffset = buffer.position();
		int signature = header.signed() ? EnvelopeSigner.SIGNATURE_LENGTH : 0;
		if (payloadOffset + header.payloadLength() + signature != bytes.length - 8) {
			throw new CorruptEnvelopeException("payload length does not match");
		}
		return new Envelope(bytes, header, payloadOffset);
	}

	static long checksum(byte[] bytes, int length) {
		return Hashing.xxh3_64().hashBytesToLong(bytes, 0, length);
	}

	/** The whole envelope. The array is shared, never modify it. */
	public byte[] bytes() {
		return bytes;
	}

	/** Total size in bytes. */
	public int size() {
		return bytes.length;
	}

	public String codecId() {
		return header.codecId();
	}

	public boolean compressed() {
		return header.compressed();
	}

	public boolean nullValue() {
		return header.nullValue();
	}

	/** Whether the envelope carries a signature (checked by {@link #signedBy(EnvelopeSigner)}). */
	public boolean signed() {
		return header.signed();
	}

	/** Whether the envelope carries a signature that one of the signer's keys made. */
	public boolean signedBy(EnvelopeSigner signer) {
		if (!signed() || !signer.enabled()) {
			return false;
		}
		int end = payloadOffset + payloadLength();
		return signer.verifies(bytes, 0, end, Arrays.copyOfRange(bytes, end, end + EnvelopeSigner.SIGNATURE_LENGTH));
	}

	public EntryMetadata metadata() {
		return header.metadata();
	}

	/** Offset of the payload inside {@link #bytes()}. */
	public int payloadOffset() {
		return payloadOffset;
	}

	public int payloadLength() {
		return (int) header.payloadLength();
	}

}
