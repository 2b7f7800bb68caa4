package dev.cachet.core.envelope;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hashing;

/**
 * The envelope format as a stream, for payloads too large to hold in memory: the same bytes as
 * {@link Envelope}, produced and verified while they flow, so a large value moves between a file
 * and a tier without ever being whole in the heap.
 */
public final class EnvelopeStreams {

	private static final int BUFFER = 64 * 1024;

	private EnvelopeStreams() {
	}

	/** Total envelope size for a payload of {@code payloadLength} bytes. */
	public static long length(String codecId, EntryMetadata metadata, long payloadLength) {
		return Envelope.header(codecId, false, false, metadata, payloadLength).length + payloadLength + 8;
	}

	/**
	 * The bytes of an envelope whose payload is read from {@code payload}: header, payload, checksum.
	 * The returned stream owns {@code payload} and closes it. It fails with an {@link IOException} if
	 * the payload does not have exactly {@code payloadLength} bytes.
	 */
	public static InputStream compose(String codecId, boolean nullValue, EntryMetadata metadata, InputStream payload,
			long payloadLength) {
		return new ComposingStream(Envelope.header(codecId, false, nullValue, metadata, payloadLength), payload,
				payloadLength);
	}

	/**
	 * Reads an envelope header from a stream, leaving the stream at the start of the payload.
	 * @throws CorruptEnvelopeException if the header is not an intact header of this format version
	 */
	public static Reader read(InputStream in) throws IOException, CorruptEnvelopeException {
		return new Reader(in);
	}

	/** An envelope being read from a stream: its header is known, its payload not yet verified. */
	public static final class Reader implements AutoCloseable {

		private final InputStream in;

		private final HashStream64 hash = Hashing.xxh3_64().hashStream();

		private final String codecId;

		private final int flags;

		private final EntryMetadata metadata;

		private final long payloadLength;

		private Reader(InputStream in) throws IOException, CorruptEnvelopeException {
			this.in = in;
			try {
				DataInputStream data = new DataInputStream(in);
				byte[] fixed = readFully(data, Envelope.FIXED_HEADER);
				ByteBuffer buffer = ByteBuffer.wrap(fixed);
				if (buffer.getInt() != Envelope.MAGIC) {
					throw new CorruptEnvelopeException("bad magic");
				}
				byte version = buffer.get();
				if (version != Envelope.FORMAT_VERSION) {
					throw new CorruptEnvelopeException("unsupported format version " + version);
				}
				this.flags = buffer.get();
				Instant createdAt = Instant.ofEpochMilli(buffer.getLong());
				Duration maxAge = Duration.ofMillis(buffer.getLong());
				Duration computeTime = Duration.ofNanos(buffer.getLong());
				this.codecId = string(data, readFully(data, 1)[0] & 0xFF);
				byte[] methodLength = readFully(data, 2);
				String methodId = string(data, ByteBuffer.wrap(methodLength).getShort() & 0xFFFF);
				String fingerprint = string(data, readFully(data, 1)[0] & 0xFF);
				this.payloadLength = ByteBuffer.wrap(readFully(data, 4)).getInt();
				if (this.payloadLength < 0) {
					throw new CorruptEnvelopeException("negative payload length");
				}
				this.metadata = new EntryMetadata(createdAt, maxAge, computeTime, methodId, fingerprint);
			}
			catch (EOFException ex) {
				throw new CorruptEnvelopeException("truncated header");
			}
		}

		private byte[] readFully(DataInputStream data, int length) throws IOException {
			byte[] bytes = new byte[length];
			data.readFully(bytes);
			hash.putBytes(bytes);
			return bytes;
		}

		private String string(DataInputStream data, int length) throws IOException {
			return new String(readFully(data, length), StandardCharsets.UTF_8);
		}

		public String codecId() {
			return codecId;
		}

		public boolean nullValue() {
			return (flags & Envelope.FLAG_NULL_VALUE) != 0;
		}

		public EntryMetadata metadata() {
			return metadata;
		}

		public long payloadLength() {
			return payloadLength;
		}

		/**
		 * Copies the payload to {@code out}, then verifies the checksum and that nothing follows.
		 * @throws CorruptEnvelopeException if the stream is truncated, too long or fails the checksum;
		 * whatever was copied must then be discarded
		 */
		public void copyPayloadTo(OutputStream out) throws IOException, CorruptEnvelopeException {
			byte[] buffer = new byte[BUFFER];
			long remaining = payloadLength;
			while (remaining > 0) {
				int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
				if (read < 0) {
					throw new CorruptEnvelopeException("truncated payload");
				}
				hash.putBytes(buffer, 0, read);
				out.write(buffer, 0, read);
				remaining -= read;
			}
			byte[] trailer = in.readNBytes(8);
			if (trailer.length != 8) {
				throw new CorruptEnvelopeException("truncated checksum");
			}
			if (ByteBuffer.wrap(trailer).getLong() != hash.getAsLong()) {
				throw new CorruptEnvelopeException("checksum mismatch");
			}
			if (in.read() >= 0) {
				throw new CorruptEnvelopeException("bytes after the checksum");
			}
		}

		@Override
		public void close() throws IOException {
			in.close();
		}

	}

	/** Header, then the payload as it is read, then the checksum of both. */
	private static final class ComposingStream extends InputStream {

		private final byte[] header;

		private final InputStream payload;

		private final long payloadLength;

		private final HashStream64 hash = Hashing.xxh3_64().hashStream();

		private int headerPosition;

		private long payloadRead;

		private byte[] trailer;

		private int trailerPosition;

		ComposingStream(byte[] header, InputStream payload, long payloadLength) {
			this.header = header;
			this.payload = payload;
			this.payloadLength = payloadLength;
			hash.putBytes(header);
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xFF);
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			if (headerPosition < header.length) {
				int n = Math.min(len, header.length - headerPosition);
				System.arraycopy(header, headerPosition, b, off, n);
				headerPosition += n;
				return n;
			}
			if (payloadRead < payloadLength) {
				int n = payload.read(b, off, (int) Math.min(len, payloadLength - payloadRead));
				if (n < 0) {
					throw new IOException("payload ended after " + payloadRead + " of " + payloadLength + " bytes");
				}
				hash.putBytes(b, off, n);
				payloadRead += n;
				return n;
			}
			if (trailer == null) {
				if (payload.read() >= 0) {
					throw new IOException("payload is longer than " + payloadLength + " bytes");
				}
				trailer = ByteBuffer.allocate(8).putLong(hash.getAsLong()).array();
			}
			if (trailerPosition == trailer.length) {
				return -1;
			}
			int n = Math.min(len, trailer.length - trailerPosition);
			System.arraycopy(trailer, trailerPosition, b, off, n);
			trailerPosition += n;
			return n;
		}

		@Override
		public void close() throws IOException {
			payload.close();
		}

	}

}
