package dev.cachet.core.envelope;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;

import javax.crypto.Mac;

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
	public static long length(String codecId, EntryMetadata metadata, long payloadLength, EnvelopeSigner signer) {
		return new EnvelopeHeader(0, codecId, metadata, payloadLength).encode().length + payloadLength
				+ (signer.enabled() ? EnvelopeSigner.SIGNATURE_LENGTH : 0) + 8;
	}

	/**
	 * The bytes of an envelope whose payload is read from {@code payload}: header, payload, signature
	 * (when the signer has keys), checksum. The returned stream owns {@code payload} and closes it. It
	 * fails with an {@link IOException} if the payload does not have exactly {@code payloadLength} bytes.
	 */
	public static InputStream compose(String codecId, boolean nullValue, EntryMetadata metadata, InputStream payload,
			long payloadLength, EnvelopeSigner signer) {
		EnvelopeHeader header = new EnvelopeHeader(EnvelopeHeader.flags(false, nullValue, signer.enabled()), codecId,
				metadata, payloadLength);
		return new ComposingStream(header.encode(), payload, payloadLength,
				signer.enabled() ? signer.signingMac() : null);
	}

	/**
	 * Reads an envelope header from a stream, leaving the stream at the start of the payload.
	 * @param signer checks the envelope's signature while the payload is read, when it has keys
	 * @throws CorruptEnvelopeException if the header is not an intact header of this format version
	 */
	public static Reader read(InputStream in, EnvelopeSigner signer) throws IOException, CorruptEnvelopeException {
		return new Reader(in, signer);
	}

	/** Reads an envelope header from a stream without checking signatures. */
	public static Reader read(InputStream in) throws IOException, CorruptEnvelopeException {
		return new Reader(in, EnvelopeSigner.none());
	}

	/** An envelope being read from a stream: its header is known, its payload not yet verified. */
	public static final class Reader implements AutoCloseable {

		private final InputStream in;

		private final HashStream64 hash = Hashing.xxh3_64().hashStream();

		private final List<Mac> macs;

		private final EnvelopeHeader header;

		private boolean signatureValid;

		private Reader(InputStream in, EnvelopeSigner signer) throws IOException, CorruptEnvelopeException {
			this.in = new BufferedInputStream(in, 8192); // the header is read field by field
			this.macs = signer.enabled() ? signer.verifyingMacs() : List.of();
			try {
				DataInputStream data = new DataInputStream(this.in);
				this.header = EnvelopeHeader.read(length -> readFully(data, length));
			}
			catch (EOFException ex) {
				throw new CorruptEnvelopeException("truncated header");
			}
		}

		private byte[] readFully(DataInputStream data, int length) throws IOException {
			byte[] bytes = new byte[length];
			data.readFully(bytes);
			hash.putBytes(bytes);
			macs.forEach(mac -> mac.update(bytes));
			return bytes;
		}

		public String codecId() {
			return header.codecId();
		}

		public boolean nullValue() {
			return header.nullValue();
		}

		public EntryMetadata metadata() {
			return header.metadata();
		}

		public long payloadLength() {
			return header.payloadLength();
		}

		/**
		 * Whether the envelope carried a signature made by one of the signer's keys; known once
		 * {@link #copyPayloadTo} returned.
		 */
		public boolean signatureValid() {
			return signatureValid;
		}

		/**
		 * Copies the payload to {@code out}, then verifies the checksum and that nothing follows.
		 * @throws CorruptEnvelopeException if the stream is truncated, too long or fails the checksum;
		 * whatever was copied must then be discarded
		 */
		public void copyPayloadTo(OutputStream out) throws IOException, CorruptEnvelopeException {
			byte[] buffer = new byte[BUFFER];
			long remaining = header.payloadLength();
			while (remaining > 0) {
				int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
				if (read < 0) {
					throw new CorruptEnvelopeException("truncated payload");
				}
				hash.putBytes(buffer, 0, read);
				for (Mac mac : macs) {
					mac.update(buffer, 0, read);
				}
				out.write(buffer, 0, read);
				remaining -= read;
			}
			if (header.signed()) {
				byte[] signature = in.readNBytes(EnvelopeSigner.SIGNATURE_LENGTH);
				if (signature.length != EnvelopeSigner.SIGNATURE_LENGTH) {
					throw new CorruptEnvelopeException("truncated signature");
				}
				hash.putBytes(signature);
				signatureValid = macs.stream().anyMatch(mac -> MessageDigest.isEqual(mac.doFinal(), signature));
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

	/** Header, then the payload as it is read, then the signature (if any), then the checksum of all. */
	private static final class ComposingStream extends InputStream {

		private final byte[] header;

		private final InputStream payload;

		private final long payloadLength;

		private final HashStream64 hash = Hashing.xxh3_64().hashStream();

		private final Mac mac;

		private int headerPosition;

		private long payloadRead;

		private byte[] trailer;

		private int trailerPosition;

		ComposingStream(byte[] header, InputStream payload, long payloadLength, Mac mac) {
			this.header = header;
			this.payload = payload;
			this.payloadLength = payloadLength;
			this.mac = mac;
			hash.putBytes(header);
			if (mac != null) {
				mac.update(header);
			}
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
				if (mac != null) {
					mac.update(b, off, n);
				}
				payloadRead += n;
				return n;
			}
			if (trailer == null) {
				if (payload.read() >= 0) {
					throw new IOException("payload is longer than " + payloadLength + " bytes");
				}
				byte[] signature = (mac != null) ? mac.doFinal() : new byte[0];
				hash.putBytes(signature);
				trailer = ByteBuffer.allocate(signature.length + 8).put(signature).putLong(hash.getAsLong()).array();
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
