package dev.cachet.core.envelope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.dynatrace.hash4j.hashing.Hashing;

/**
 * The immutable byte form of a cache entry, identical in every tier, so promoting a hit from one
 * tier to another is a byte copy.
 *
 * <pre>
 * magic "CCHT" | format version (1) | flags (1) | created-at millis (8) | max-age millis (8)
 * | compute nanos (8) | codec id (u8 length + UTF-8) | method id (u16 length + UTF-8)
 * | fingerprint (u8 length + UTF-8) | payload length (4) | payload | XXH3-64 of all before (8)
 * </pre>
 *
 * The trailing checksum covers header and payload, so a flipped bit or a truncated file anywhere
 * fails {@link #parse(byte[])}.
 */
public final class Envelope {

	/** Current format version; readers refuse any other. */
	public static final byte FORMAT_VERSION = 1;

	static final int MAGIC = 0x43434854; // "CCHT"

	static final int FLAG_COMPRESSED = 1;

	static final int FLAG_NULL_VALUE = 2;

	static final int FIXED_HEADER = 4 + 1 + 1 + 8 + 8 + 8;

	/** Largest payload the format records (its length field is a signed 32-bit integer). */
	public static final long MAX_PAYLOAD = Integer.MAX_VALUE;

	private final byte[] bytes;

	private final String codecId;

	private final int flags;

	private final EntryMetadata metadata;

	private final int payloadOffset;

	private final int payloadLength;

	/** The decoded value, remembered by the memory tier's holder so repeated hits skip decoding. */
	private volatile Object decoded;

	private Envelope(byte[] bytes, String codecId, int flags, EntryMetadata metadata, int payloadOffset,
			int payloadLength) {
		this.bytes = bytes;
		this.codecId = codecId;
		this.flags = flags;
		this.metadata = metadata;
		this.payloadOffset = payloadOffset;
		this.payloadLength = payloadLength;
	}

	/**
	 * Builds an envelope around an encoded payload.
	 * @param codecId    id of the codec that wrote the payload (at most 255 bytes)
	 * @param compressed whether the payload is zstd-compressed
	 * @param nullValue  whether the entry stands for a cached {@code null} (payload then empty)
	 */
	public static Envelope create(String codecId, boolean compressed, boolean nullValue, EntryMetadata metadata,
			byte[] payload, int payloadOffset, int payloadLength) {
		byte[] header = header(codecId, compressed, nullValue, metadata, payloadLength);
		byte[] out = new byte[header.length + payloadLength + 8];
		System.arraycopy(header, 0, out, 0, header.length);
		System.arraycopy(payload, payloadOffset, out, header.length, payloadLength);
		ByteBuffer.wrap(out, out.length - 8, 8).putLong(checksum(out, out.length - 8));
		return new Envelope(out, codecId, flags(compressed, nullValue), metadata, header.length, payloadLength);
	}

	/**
	 * The header of an envelope, up to and including the payload length: what precedes the payload
	 * in every tier, also when the payload is streamed (see {@link EnvelopeStreams}).
	 */
	static byte[] header(String codecId, boolean compressed, boolean nullValue, EntryMetadata metadata,
			long payloadLength) {
		byte[] codec = codecId.getBytes(StandardCharsets.UTF_8);
		byte[] method = metadata.methodId().getBytes(StandardCharsets.UTF_8);
		byte[] fingerprint = metadata.fingerprint().getBytes(StandardCharsets.UTF_8);
		if (codec.length > 255 || fingerprint.length > 255 || method.length > 65535) {
			throw new IllegalArgumentException("Envelope header field too long");
		}
		if (payloadLength < 0 || payloadLength > MAX_PAYLOAD) {
			throw new IllegalArgumentException("Payload of " + payloadLength + " bytes exceeds the envelope format's "
					+ MAX_PAYLOAD + " bytes");
		}
		byte[] header = new byte[FIXED_HEADER + 1 + codec.length + 2 + method.length + 1 + fingerprint.length + 4];
		ByteBuffer.wrap(header)
			.putInt(MAGIC)
			.put(FORMAT_VERSION)
			.put((byte) flags(compressed, nullValue))
			.putLong(metadata.createdAt().toEpochMilli())
			.putLong(metadata.maxAge().toMillis())
			.putLong(metadata.computeTime().toNanos())
			.put((byte) codec.length)
			.put(codec)
			.putShort((short) method.length)
			.put(method)
			.put((byte) fingerprint.length)
			.put(fingerprint)
			.putInt((int) payloadLength);
		return header;
	}

	private static int flags(boolean compressed, boolean nullValue) {
		return (compressed ? FLAG_COMPRESSED : 0) | (nullValue ? FLAG_NULL_VALUE : 0);
	}

	/**
	 * Parses and verifies envelope bytes. The array is kept, not copied: callers hand over ownership.
	 * @throws CorruptEnvelopeException if the bytes are not an intact envelope of this format version
	 */
	public static Envelope parse(byte[] bytes) throws CorruptEnvelopeException {
		if (bytes == null || bytes.length < FIXED_HEADER + 1 + 2 + 1 + 4 + 8) {
			throw new CorruptEnvelopeException("too short");
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		if (buffer.getInt() != MAGIC) {
			throw new CorruptEnvelopeException("bad magic");
		}
		byte version = buffer.get();
		if (version != FORMAT_VERSION) {
			throw new CorruptEnvelopeException("unsupported format version " + version);
		}
		long expected = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
		if (checksum(bytes, bytes.length - 8) != expected) {
			throw new CorruptEnvelopeException("checksum mismatch");
		}
		try {
			int flags = buffer.get();
			Instant createdAt = Instant.ofEpochMilli(buffer.getLong());
			Duration maxAge = Duration.ofMillis(buffer.getLong());
			Duration computeTime = Duration.ofNanos(buffer.getLong());
			String codecId = readString(buffer, buffer.get() & 0xFF);
			String methodId = readString(buffer, buffer.getShort() & 0xFFFF);
			String fingerprint = readString(buffer, buffer.get() & 0xFF);
			int payloadLength = buffer.getInt();
			int payloadOffset = buffer.position();
			if (payloadLength < 0 || payloadOffset + payloadLength != bytes.length - 8) {
				throw new CorruptEnvelopeException("payload length does not match");
			}
			EntryMetadata metadata = new EntryMetadata(createdAt, maxAge, computeTime, methodId, fingerprint);
			return new Envelope(bytes, codecId, flags, metadata, payloadOffset, payloadLength);
		}
		catch (RuntimeException ex) {
			throw new CorruptEnvelopeException("malformed header: " + ex.getMessage());
		}
	}

	private static String readString(ByteBuffer buffer, int length) {
		byte[] value = new byte[length];
		buffer.get(value);
		return new String(value, StandardCharsets.UTF_8);
	}

	private static long checksum(byte[] bytes, int length) {
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
		return codecId;
	}

	public boolean compressed() {
		return (flags & FLAG_COMPRESSED) != 0;
	}

	public boolean nullValue() {
		return (flags & FLAG_NULL_VALUE) != 0;
	}

	public EntryMetadata metadata() {
		return metadata;
	}

	/** Offset of the payload inside {@link #bytes()}. */
	public int payloadOffset() {
		return payloadOffset;
	}

	public int payloadLength() {
		return payloadLength;
	}

	/** The value decoded from this envelope earlier, or {@code null}. */
	public Object decodedValue() {
		return decoded;
	}

	/** Remembers the decoded value so later hits on this same instance skip decoding. */
	public void rememberDecodedValue(Object value) {
		this.decoded = value;
	}

}
