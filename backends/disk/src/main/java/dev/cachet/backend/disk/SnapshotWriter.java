package dev.cachet.backend.disk;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@link SnapshotFile index snapshot}: the shard folders' times first, then the entries,
 * so that any change to a folder after its time was read shows as a different time at the next
 * start. The file is written aside and renamed into place: a process killed mid-write leaves a
 * temporary file (deleted at the next start) and the previous snapshot, still checked shard by
 * shard against the folders.
 */
final class SnapshotWriter {

	private static final Logger logger = LoggerFactory.getLogger(SnapshotWriter.class);

	private static final int BUFFER = 1 << 16;

	private final Path root;

	private final DiskIndex index;

	private final EntryFiles files;

	SnapshotWriter(Path root, DiskIndex index, EntryFiles files) {
		this.root = root;
		this.index = index;
		this.files = files;
	}

	/**
	 * Writes the snapshot. A failure (a full disk, a vanished folder) is logged and leaves the
	 * previous snapshot, which start-up still checks against the folders.
	 * @return whether it was written
	 */
	boolean write() {
		long start = System.nanoTime();
		try {
			Stamps stamps = new Stamps(ShardFolders.list(this.root, (child) -> {
			}), System.currentTimeMillis() - SnapshotFile.RACY_MILLIS);
			Path temp = this.files.writeTemp(this.root, (channel) -> {
				OutputStream file = Channels.newOutputStream(channel);
				CRC32C crc = new CRC32C();
				DataOutputStream out = new DataOutputStream(
						new BufferedOutputStream(new CheckedOutputStream(file, crc), BUFFER));
				writeTo(out, stamps);
				out.flush();
				new DataOutputStream(file).writeInt((int) crc.getValue());
			});
			this.files.publish(temp, this.root.resolve(SnapshotFile.NAME));
			logger.debug("Cachet disk tier wrote its index snapshot of {} entries in {} ms", this.index.size(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Cachet disk tier could not write its index snapshot in {} ({}); the next start lists the "
					+ "folder instead", this.root, ex.toString());
			return false;
		}
	}

	private void writeTo(DataOutputStream out, Stamps stamps) throws IOException {
		out.writeLong(SnapshotFile.MAGIC);
		out.writeInt(SnapshotFile.VERSION);
		out.writeInt(stamps.shards.size());
		for (ShardFolders.Shard shard : stamps.shards) {
			out.write(shard.cacheFolder().getBytes(StandardCharsets.US_ASCII));
			out.write(shard.name().getBytes(StandardCharsets.US_ASCII));
			out.writeLong(shard.modifiedNanos());
		}
		long[] count = new long[1];
		this.index.export(new DiskIndex.Export() {

			@Override
			public void accept(String cacheFolder, boolean hashed, long high, long low, long size, long expiresAtMillis)
					throws IOException {
				int stamp = stamps.ofHex(cacheFolder, SnapshotFile.hexShard(high));
				if (stamp >= 0) {
					out.writeInt(stamp);
					out.writeByte(hashed ? SnapshotFile.HASHED_HEX : SnapshotFile.HEX);
					out.writeLong(high);
					out.writeLong(low);
					writeExpiryAndSize(out, expiresAtMillis, size);
					count[0]++;
				}
			}

			@Override
			public void named(IndexedEntry entry) throws IOException {
				int stamp = stamps.of(entry.cacheFolder(), EntryNames.shard(entry.stem()));
				if (stamp >= 0) {
					byte[] stem = entry.stem().getBytes(StandardCharsets.US_ASCII);
					out.writeInt(stamp);
					out.writeByte(SnapshotFile.NAMED);
					out.writeByte(stem.length);
					out.write(stem);
					writeExpiryAndSize(out, entry.expiresAtMillis(), entry.size());
					count[0]++;
				}
			}

		});
		out.writeLong(count[0]);
	}

	private static void writeExpiryAndSize(DataOutputStream out, long expiresAtMillis, long size) throws IOException {
		out.writeLong(expiresAtMillis);
		out.writeLong(size);
	}

	/** The stamped shard folders, by id and, for hex shard names, by cache folder and shard byte. */
	private static final class Stamps {

		private final List<ShardFolders.Shard> shards = new ArrayList<>();

		private final Map<String, Integer> byId = new HashMap<>();

		private final Map<String, int[]> byHexShard = new HashMap<>();

		/** Stamps the shards last changed before {@code changedBeforeMillis}. */
		Stamps(List<ShardFolders.Shard> listed, long changedBeforeMillis) {
			for (ShardFolders.Shard shard : listed) {
				if (TimeUnit.NANOSECONDS.toMillis(shard.modifiedNanos()) >= changedBeforeMillis) {
					continue;
				}
				int stamp = this.shards.size();
				this.shards.add(shard);
				this.byId.put(shard.id(), stamp);
				int hexShard = SnapshotFile.hexShard(shard.name());
				if (hexShard >= 0) {
					this.byHexShard.computeIfAbsent(shard.cacheFolder(), (folder) -> {
						int[] stamps = new int[256];
						Arrays.fill(stamps, -1);
						return stamps;
					})[hexShard] = stamp;
				}
			}
		}

		int ofHex(String cacheFolder, int hexShard) {
			int[] stamps = this.byHexShard.get(cacheFolder);
			return (stamps != null) ? stamps[hexShard] : -1;
		}

		int of(String cacheFolder, String shard) {
			Integer stamp = this.byId.get(cacheFolder + '/' + shard);
			return (stamp != null) ? stamp : -1;
		}

	}

}
