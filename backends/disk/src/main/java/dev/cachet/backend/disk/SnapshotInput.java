package dev.cachet.backend.disk;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads the {@link SnapshotFile index snapshot}'s little-endian values from a file through a direct
 * buffer, long arrays in bulk (a copy, not a loop per value), summing every byte into a CRC32C on
 * the way so that the file is read once; {@link #finish} then checks the sum against the file's.
 * Nothing read is to be trusted before that.
 */
final class SnapshotInput {

	private static final int BUFFER = 1 << 20;

	private final FileChannel channel;

	/** Where the checksum starts: the end of the values. */
	private final long end;

	private long position;

	private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN).limit(0);

	private final CRC32C crc = new CRC32C();

	/** @throws IOException if the file is too short to hold a checksum */
	SnapshotInput(FileChannel channel) throws IOException {
		this.channel = channel;
		this.end = channel.size() - Integer.BYTES;
		if (this.end < 0) {
			throw new EOFException("no checksum");
		}
	}

	/** Bytes left to read before the checksum. */
	long left() {
		return this.end - this.position + this.buffer.remaining();
	}

	int readInt() throws IOException {
		return need(Integer.BYTES).getInt();
	}

	long readLong() throws IOException {
		return need(Long.BYTES).getLong();
	}

	byte readByte() throws IOException {
		return need(1).get();
	}

	String readAscii(int length) throws IOException {
		byte[] bytes = new byte[length];
		need(length).get(bytes);
		return new String(bytes, StandardCharsets.US_ASCII);
	}

	void readLongs(long[] values, int offset, int length) throws IOException {
		readBulk(Long.BYTES, length, (buffer, done, count) -> buffer.asLongBuffer().get(values, offset + done, count));
	}

	void readInts(int[] values) throws IOException {
		readBulk(Integer.BYTES, values.length, (buffer, done, count) -> buffer.asIntBuffer().get(values, done, count));
	}

	/** Reads {@code length} values of {@code bytes} each, as many at a time as the buffer holds. */
	private void readBulk(int bytes, int length, BulkCopy copy) throws IOException {
		if (left() < (long) length * bytes) {
			throw new EOFException();
		}
		for (int done = 0; done < length;) {
			int count = Math.min(length - done, need(bytes).remaining() / bytes);
			copy.from(this.buffer, done, count);
			this.buffer.position(this.buffer.position() + count * bytes);
			done += count;
		}
	}

	/**
	 * Checks that every value was read and that the checksum matches.
	 * @throws IOException if not: the file is not what was written
	 */
	void finish() throws IOException {
		if (left() != 0) {
			throw new IOException(left() + " bytes after the entries");
		}
		ByteBuffer sum = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		while (sum.hasRemaining()) {
			if (this.channel.read(sum, this.end + sum.position()) < 0) {
				throw new EOFException();
			}
		}
		if (sum.getInt(0) != (int) this.crc.getValue()) {
			throw new IOException("checksum mismatch");
		}
	}

	private ByteBuffer need(int bytes) throws IOException {
		if (this.buffer.remaining() >= bytes) {
			return this.buffer;
		}
		if (left() < bytes) {
			throw new EOFException();
		}
		this.buffer.compact();
		int kept = this.buffer.position();
		int fill = (int) Math.min(this.buffer.capacity() - kept, this.end - this.position);
		this.buffer.limit(kept + fill);
		while (this.buffer.hasRemaining()) {
			if (this.channel.read(this.buffer, this.position + this.buffer.position() - kept) < 0) {
				throw new EOFException();
			}
		}
		this.position += fill;
		this.crc.update(this.buffer.flip().position(kept).slice());
		return this.buffer.position(0);
	}

	/** Copies {@code count} values from the buffer's position into an array, from its {@code done}th. */
	private interface BulkCopy {

		void from(ByteBuffer buffer, int done, int count);

	}

}
