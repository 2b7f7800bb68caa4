package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Writes the {@link SnapshotFile index snapshot}'s little-endian values to a channel through a
 * direct buffer, long arrays in bulk, and ends it with the CRC32C of all it wrote.
 */
final class SnapshotOutput {

	private static final int BUFFER = 1 << 20;

	private final WritableByteChannel channel;

	private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);

	private final CRC32C crc = new CRC32C();

	SnapshotOutput(WritableByteChannel channel) {
		this.channel = channel;
	}

	void writeInt(int value) throws IOException {
		room(Integer.BYTES).putInt(value);
	}

	void writeLong(long value) throws IOException {
		room(Long.BYTES).putLong(value);
	}

	void writeByte(int value) throws IOException {
		room(1).put((byte) value);
	}

	/** Writes the characters of an ASCII string, without its length. */
	void writeAscii(String ascii) throws IOException {
		room(ascii.length()).put(ascii.getBytes(StandardCharsets.US_ASCII));
	}

	void writeLongs(long[] values, int offset, int length) throws IOException {
		writeBulk(Long.BYTES, length, (buffer, done, count) -> buffer.asLongBuffer().put(values, offset + done, count));
	}

	void writeInts(int[] values) throws IOException {
		writeBulk(Integer.BYTES, values.length, (buffer, done, count) -> buffer.asIntBuffer().put(values, done, count));
	}

	/** Writes {@code length} values of {@code bytes} each, as many at a time as the buffer has room for. */
	private void writeBulk(int bytes, int length, BulkCopy copy) throws IOException {
		for (int done = 0; done < length;) {
			int count = Math.min(length - done, room(bytes).remaining() / bytes);
			copy.to(this.buffer, done, count);
			this.buffer.position(this.buffer.position() + count * bytes);
			done += count;
		}
	}

	/** Writes what is buffered and the checksum. */
	void finish() throws IOException {
		flush();
		this.buffer.putInt((int) this.crc.getValue()).flip();
		drain();
	}

	private ByteBuffer room(int bytes) throws IOException {
		if (this.buffer.remaining() < bytes) {
			flush();
		}
		return this.buffer;
	}

	private void flush() throws IOException {
		this.buffer.flip();
		this.crc.update(this.buffer.duplicate());
		drain();
	}

	private void drain() throws IOException {
		while (this.buffer.hasRemaining()) {
			this.channel.write(this.buffer);
		}
		this.buffer.clear();
	}

	/** Copies {@code count} values from an array, from its {@code done}th, to the buffer's position. */
	private interface BulkCopy {

		void to(ByteBuffer buffer, int done, int count);

	}

}
