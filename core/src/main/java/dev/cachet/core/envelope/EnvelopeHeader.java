package dev.cachet.core.envelope;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of an envelope, everything before the payload, in one place for whole and streamed
 * envelopes:
 *
 * <pre>
 * magic "CCHT" | format version (2) | flags (1) | created-at millis (8) | max-age millis (8)
 * | compute nanos (8) | codec id (u8 length + UTF-8) | producer kind (1)
 * | method id (u16 length + UTF-8) | fingerprint (u8 length + UTF-8) | address (u16 length + UTF-8)
 * | version (8) | inputs expire at millis (8) | input count (4)
 * | per input: cache (u16 length + UTF-8), key id (u16 length + UTF-8), version (8)
 * | payload length (4)
 * </pre>
 *
 * Version 2, without the version and inputs fields, is still read: such an entry has version 0 and no inputs.
 */
record EnvelopeHeader(int flags, String codecId, EntryMetadata metadata, long payloadLength) {

	static final int MAGIC = 0x43434854; // "CCHT"

	static final int FLAG_COMPRESSED = 1;

	static final int FLAG_NULL_VALUE = 2;

	static final int FLAG_SIGNED = 4;

	/** Bytes before the first variable-length field. */
	static final int FIXED = 4 + 1 + 1 + 8 + 8 + 8;

	/** The smallest possible header (of format version 2). */
	static final int MIN = FIXED + 1 + 1 + 2 + 1 + 2 + 4;

	/** The format version before entries recorded their version and inputs. */
	private static final byte VERSION_WITHOUT_INPUTS = 2;

	boolean signed() {
		return (flags & FLAG_SIGNED) != 0;
	}

	boolean nullValue() {
		return (flags & FLAG_NULL_VALUE) != 0;
	}

	boolean compressed() {
		return (flags & FLAG_COMPRESSED) != 0;
	}

	static int flags(boolean compressed, boolean nullValue, boolean signed) {
		return (compressed ? FLAG_COMPRESSED : 0) | (nullValue ? FLAG_NULL_VALUE : 0) | (signed ? FLAG_SIGNED : 0);
	}

	/** The header's bytes. */
	byte[] encode() {
		byte[] codec = utf8(codecId);
		Producer producer = metadata.producer();
		byte[] method = utf8(producer.methodId());
		byte[] fingerprint = utf8(producer.fingerprint());
		byte[] address = utf8(metadata.address());
		if (codec.length > 255 || fingerprint.length > 255 || method.length > 65535 || address.length > 65535) {
			throw new IllegalArgumentException("Envelope header field too long");
		}
		if (payloadLength < 0 || payloadLength > Envelope.MAX_PAYLOAD) {
			throw new IllegalArgumentException("Payload of " + payloadLength + " bytes exceeds the envelope format's "
					+ Envelope.MAX_PAYLOAD + " bytes");
		}
		EntryInputs inputs = metadata.inputs();
		if (inputs.inputs().size() > EntryInputs.MAX_INPUTS) {
			throw new IllegalArgumentException("More than " + EntryInputs.MAX_INPUTS + " inputs");
		}
		byte[][] inputText = new byte[inputs.inputs().size() * 2][];
		int inputBytes = 0;
		for (int i = 0; i < inputs.inputs().size(); i++) {
			EntryInputs.Input input = inputs.inputs().get(i);
			inputText[2 * i] = utf8(input.cache());
			inputText[2 * i + 1] = utf8(input.key());
			if (inputText[2 * i].length > 65535 || inputText[2 * i + 1].length > 65535) {
				throw new IllegalArgumentException("Envelope input field too long");
			}
			inputBytes += 2 + inputText[2 * i].length + 2 + inputText[2 * i + 1].length + 8;
		}
		byte[] header = new byte[MIN + codec.length + method.length + fingerprint.length + address.length + 20
				+ inputBytes];
		ByteBuffer buffer = ByteBuffer.wrap(header)
			.putInt(MAGIC)
			.put(Envelope.FORMAT_VERSION)
			.put((byte) flags)
			.putLong(metadata.createdAt().toEpochMilli())
			.putLong(metadata.maxAge().toMillis())
			.putLong(metadata.computeTime().toNanos())
			.put((byte) codec.length)
			.put(codec)
			.put((byte) producer.kind().ordinal())
			.putShort((short) method.length)
			.put(method)
			.put((byte) fingerprint.length)
			.put(fingerprint)
			.putShort((short) address.length)
			.put(address)
			.putLong(metadata.version())
			.putLong(inputs.expiresAtMillis())
			.putInt(inputs.inputs().size());
		for (int i = 0; i < inputs.inputs().size(); i++) {
			buffer.putShort((short) inputText[2 * i].length)
				.put(inputText[2 * i])
				.putShort((short) inputText[2 * i + 1].length)
				.put(inputText[2 * i + 1])
				.putLong(inputs.inputs().get(i).version());
		}
		buffer.putInt((int) payloadLength);
		return header;
	}

	/**
	 * Reads a header field by field from {@code in}.
	 * @throws CorruptEnvelopeException if the bytes are not a header of this format version
	 */
	static EnvelopeHeader read(Source in) throws IOException, CorruptEnvelopeException {
		ByteBuffer fixed = ByteBuffer.wrap(in.take(FIXED));
		if (fixed.getInt() != MAGIC) {
			throw new CorruptEnvelopeException("bad magic");
		}
		byte version = fixed.get();
		if (version != Envelope.FORMAT_VERSION && version != VERSION_WITHOUT_INPUTS) {
			throw new CorruptEnvelopeException("unsupported format version " + version);
		}
		int flags = fixed.get();
		Instant createdAt = Instant.ofEpochMilli(fixed.getLong());
		Duration maxAge = Duration.ofMillis(fixed.getLong());
		Duration computeTime = Duration.ofNanos(fixed.getLong());
		String codecId = string(in, in.take(1)[0] & 0xFF);
		Producer.Kind kind = Producer.Kind.of(in.take(1)[0]);
		String methodId = string(in, ByteBuffer.wrap(in.take(2)).getShort() & 0xFFFF);
		String fingerprint = string(in, in.take(1)[0] & 0xFF);
		String address = string(in, ByteBuffer.wrap(in.take(2)).getShort() & 0xFFFF);
		long entryVersion = 0;
		EntryInputs inputs = EntryInputs.NONE;
		if (version != VERSION_WITHOUT_INPUTS) {
			ByteBuffer lineage = ByteBuffer.wrap(in.take(20));
			entryVersion = lineage.getLong();
			inputs = readInputs(in, lineage.getLong(), lineage.getInt());
		}
		int payloadLength = ByteBuffer.wrap(in.take(4)).getInt();
		if (payloadLength < 0) {
			throw new CorruptEnvelopeException("negative payload length");
		}
		Producer producer = (kind == Producer.Kind.PROGRAMMATIC) ? Producer.PROGRAMMATIC
				: new Producer(kind, methodId, fingerprint);
		return new EnvelopeHeader(flags, codecId,
				new EntryMetadata(createdAt, maxAge, computeTime, producer, address, entryVersion, inputs), payloadLength);
	}

	private static EntryInputs readInputs(Source in, long expiresAtMillis, int count)
			throws IOException, CorruptEnvelopeException {
		if (count < 0 || count > EntryInputs.MAX_INPUTS) {
			throw new CorruptEnvelopeException("bad input count " + count);
		}
		if (count == 0 && expiresAtMillis == Long.MAX_VALUE) {
			return EntryInputs.NONE;
		}
		List<EntryInputs.Input> inputs = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String cache = string(in, ByteBuffer.wrap(in.take(2)).getShort() & 0xFFFF);
			String key = string(in, ByteBuffer.wrap(in.take(2)).getShort() & 0xFFFF);
			inputs.add(new EntryInputs.Input(cache, key, ByteBuffer.wrap(in.take(8)).getLong()));
		}
		return new EntryInputs(inputs, expiresAtMillis);
	}

	private static String string(Source in, int length) throws IOException, CorruptEnvelopeException {
		return new String(in.take(length), StandardCharsets.UTF_8);
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	/** Where header bytes come from: an array or a stream. */
	interface Source {

		/** The next {@code length} bytes; a {@link CorruptEnvelopeException} if there are fewer. */
		byte[] take(int length) throws IOException, CorruptEnvelopeException;

	}

}
