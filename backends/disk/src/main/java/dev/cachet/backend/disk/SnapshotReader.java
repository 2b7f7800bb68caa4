package dev.cachet.backend.disk;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@link SnapshotFile index snapshot} at start-up, never trusting it blindly: a missing,
 * truncated, corrupt (checksum) or foreign-version file is no snapshot, and an entry is loaded only
 * if its shard folder still has the modification time stamped in the snapshot (see
 * {@link #describes}); the other shards are listed as without a snapshot. The file stays open from
 * {@link #open} to {@link #close}, so a snapshot another process renames into place meanwhile does
 * not mix with this one.
 */
final class SnapshotReader implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SnapshotReader.class);

	private static final int TRAILER = Long.BYTES + Integer.BYTES;

	/** The fields of a named entry, its stem aside: no entry is smaller. */
	private static final int SMALLEST_ENTRY = Integer.BYTES + 2 + 2 * Long.BYTES;

	private final Input in;

	private final String[] cacheFolders;

	private final String[] shardNames;

	private final long[] modifiedNanos;

	private final boolean[] current;

	private final Map<String, Integer> stampIds = new HashMap<>();

	private final long entries;

	private SnapshotReader(Input in, long entries) throws IOException {
		this.in = in;
		this.entries = entries;
		int stamps = in.readInt();
		if (stamps < 0 || stamps > in.left() / (IndexKeys.HEX_LENGTH + 2 + Long.BYTES)) {
			throw new IOException("bad stamp count " + stamps);
		}
		this.cacheFolders = new String[stamps];
		this.shardNames = new String[stamps];
		this.modifiedNanos = new long[stamps];
		this.current = new boolean[stamps];
		for (int stamp = 0; stamp < stamps; stamp++) {
			this.cacheFolders[stamp] = in.readAscii(IndexKeys.HEX_LENGTH);
			this.shardNames[stamp] = in.readAscii(2);
			this.modifiedNanos[stamp] = in.readLong();
			if (!EntryNames.isCacheFolder(this.cacheFolders[stamp])) {
				throw new IOException("bad cache folder name");
			}
			this.stampIds.put(this.cacheFolders[stamp] + '/' + this.shardNames[stamp], stamp);
		}
	}

	/** The snapshot in the folder, or {@code null} when there is none or it is unusable (then logged). */
	static @Nullable SnapshotReader open(Path root) {
		Path file = root.resolve(SnapshotFile.NAME);
		FileChannel channel;
		try {
			channel = FileChannel.open(file, StandardOpenOption.READ);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			logger.warn("Cachet disk tier cannot read its index snapshot {} ({}); listing the folder", file,
					ex.toString());
			return null;
		}
		try {
			long size = channel.size();
			if (size < Long.BYTES + Integer.BYTES + TRAILER) {
				throw new IOException("truncated to " + size + " bytes");
			}
			ByteBuffer trailer = ByteBuffer.allocate(TRAILER);
			readFully(channel, trailer, size - TRAILER);
			long entries = trailer.getLong(0);
			if (checksum(channel, size - Integer.BYTES) != trailer.getInt(Long.BYTES)) {
				throw new IOException("checksum mismatch");
			}
			Input in = new Input(channel, size - TRAILER);
			if (in.readLong() != SnapshotFile.MAGIC || in.readInt() != SnapshotFile.VERSION) {
				throw new IOException("not a snapshot of this version");
			}
			return new SnapshotReader(in, entries);
		}
		catch (IOException | RuntimeException ex) {
			logger.info("Cachet disk tier ignores its index snapshot {} ({}); listing the folder", file,
					ex.toString());
			closeQuietly(channel);
			return null;
		}
	}

	/**
	 * Whether the snapshot describes a shard folder as it is now: it was stamped and its modification
	 * time has not changed since. Its entries are then loaded by {@link #loadInto}.
	 */
	boolean describes(ShardFolders.Shard shard) {
		Integer stamp = this.stampIds.get(shard.id());
		if (stamp == null || this.modifiedNanos[stamp] != shard.modifiedNanos()) {
			return false;
		}
		this.current[stamp] = true;
		return true;
	}

	/**
	 * Loads the entries of the shards {@link #describes} accepted, deleting the files of those that
	 * expired meanwhile.
	 * @return how many expired files were deleted
	 * @throws IOException if the snapshot's entries are malformed (the index may then hold some of them)
	 */
	long loadInto(DiskIndex index, EntryFiles files, Path root, long nowMillis) throws IOException {
		if (this.entries < 0 || this.entries > this.in.left() / SMALLEST_ENTRY) {
			throw new IOException("bad entry count " + this.entries);
		}
		index.reserve((int) this.entries);
		long expired = 0;
		for (long i = 0; i < this.entries; i++) {
			int stamp = this.in.readInt();
			if (stamp < 0 || stamp >= this.current.length) {
				throw new IOException("bad stamp " + stamp);
			}
			byte kind = this.in.readByte();
			if (kind == SnapshotFile.NAMED) {
				String stem = this.in.readAscii(this.in.readByte() & 0xFF);
				long expiresAt = this.in.readLong();
				long size = this.in.readLong();
				if (!this.current[stamp]) {
					continue;
				}
				IndexedEntry entry = entry(stamp, stem, expiresAt, size);
				if (nowMillis >= expiresAt) {
					expired += files.deleteQuietly(entry.path(root)) ? 1 : 0;
				}
				else {
					index.putIfMoreRecent(entry, DiskIndex.startRank(expiresAt));
				}
				continue;
			}
			if (kind != SnapshotFile.HEX && kind != SnapshotFile.HASHED_HEX) {
				throw new IOException("bad entry kind " + kind);
			}
			long high = this.in.readLong();
			long low = this.in.readLong();
			long expiresAt = this.in.readLong();
			long size = this.in.readLong();
			if (!this.current[stamp]) {
				continue;
			}
			boolean hashed = kind == SnapshotFile.HASHED_HEX;
			if (SnapshotFile.hexShard(high) != SnapshotFile.hexShard(this.shardNames[stamp]) || size < 0
					|| size > EntryNames.MAX_SIZE || expiresAt < 0) {
				throw new IOException("entry out of place or out of range");
			}
			if (nowMillis >= expiresAt) {
				String stem = hashed ? IndexKeys.hashedHex(high, low) : IndexKeys.hex(high, low);
				expired += files.deleteQuietly(entry(stamp, stem, expiresAt, size).path(root)) ? 1 : 0;
			}
			else {
				index.load(this.cacheFolders[stamp], hashed, high, low, size, expiresAt);
			}
		}
		if (this.in.left() != 0) {
			throw new IOException(this.in.left() + " bytes after the entries");
		}
		return expired;
	}

	/** An entry of a shard, checked against the naming scheme. */
	private IndexedEntry entry(int stamp, String stem, long expiresAt, long size) throws IOException {
		String fileName = EntryNames.entryFile(stem, expiresAt, size);
		if (EntryNames.parseEntryFile(fileName) == null || !EntryNames.shard(stem).equals(this.shardNames[stamp])) {
			throw new IOException("entry out of the naming scheme");
		}
		return IndexedEntry.of(this.cacheFolders[stamp], stem, size, expiresAt);
	}

	@Override
	public void close() {
		closeQuietly(this.in.channel);
	}

	private static int checksum(FileChannel channel, long length) throws IOException {
		CRC32C crc = new CRC32C();
		ByteBuffer buffer = ByteBuffer.allocate(Input.BUFFER);
		for (long position = 0; position < length;) {
			buffer.clear().limit((int) Math.min(buffer.capacity(), length - position));
			readFully(channel, buffer, position);
			buffer.flip();
			position += buffer.remaining();
			crc.update(buffer);
		}
		return (int) crc.getValue();
	}

	private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		long at = position;
		while (buffer.hasRemaining()) {
			int read = channel.read(buffer, at);
			if (read < 0) {
				throw new EOFException();
			}
			at += read;
		}
	}

	private static void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// read only: nothing lost
		}
	}

	/** Reads big-endian values from the file up to {@code end}, through a buffer. */
	private static final class Input {

		static final int BUFFER = 1 << 20;

		private final FileChannel channel;

		private final long end;

		private long position;

		private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).limit(0);

		Input(FileChannel channel, long end) {
			this.channel = channel;
			this.end = end;
		}

		/** Bytes left to read before {@code end}. */
		long left() {
			return this.end - this.position + this.buffer.remaining();
		}

		int readInt() throws IOException {
			need(Integer.BYTES);
			return this.buffer.getInt();
		}

		long readLong() throws IOException {
			need(Long.BYTES);
			return this.buffer.getLong();
		}

		byte readByte() throws IOException {
			need(1);
			return this.buffer.get();
		}

		String readAscii(int length) throws IOException {
			need(length);
			byte[] bytes = new byte[length];
			this.buffer.get(bytes);
			return new String(bytes, StandardCharsets.US_ASCII);
		}

		private void need(int bytes) throws IOException {
			if (this.buffer.remaining() >= bytes) {
				return;
			}
			if (left() < bytes) {
				throw new EOFException();
			}
			this.buffer.compact();
			int kept = this.buffer.position();
			int fill = (int) Math.min(this.buffer.capacity() - kept, this.end - this.position);
			this.buffer.limit(kept + fill);
			readFully(this.channel, this.buffer, this.position);
			this.position += fill;
			this.buffer.flip();
		}

	}

}
