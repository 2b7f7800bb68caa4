package dev.cachet.backend.disk;

/**
 * The layout of the index snapshot, {@value #NAME} in the tier's folder: written at an orderly
 * close ({@link SnapshotWriter}) so that the next start-up lists only the shard folders changed
 * since ({@link SnapshotReader}), rather than a million file names. Big-endian:
 *
 * <pre>
 * "CACHETIX" version:int
 * stamps:int    { cache folder:32 ASCII, shard:2 ASCII, modified:long nanos }*
 * { stamp:int, kind:byte, (kind 0 or 1: high:long, low:long | kind 2: length:byte, stem:ASCII),
 *   expiry:long, size:long }*
 * entries:long  how many there are (known only once written)
 * crc32c:int    of everything before it
 * </pre>
 *
 * A stamp is a shard folder's modification time when the snapshot was written; an entry belongs to
 * the shard of its stamp. Kind 0 is a stem of 32 hex digits (its two longs), kind 1 the same hashed
 * ({@code ~} in front), kind 2 any other stem, spelled out.
 */
final class SnapshotFile {

	static final String NAME = "index.snapshot";

	static final long MAGIC = 0x4341434845544958L; // "CACHETIX"

	static final int VERSION = 1;

	static final byte HEX = 0;

	static final byte HASHED_HEX = 1;

	static final byte NAMED = 2;

	/**
	 * A shard folder changed this recently when the snapshot is written gets no stamp, so it is
	 * listed at the next start: a change in the same tick of the file system's clock would leave its
	 * time as it is, and another process's write may not have reached this index through the journal.
	 */
	static final long RACY_MILLIS = 2_000;

	private SnapshotFile() {
	}

	/** The shard of a 32-hex stem whose first long is {@code high}: its first two hex digits, as one byte. */
	static int hexShard(long high) {
		return (int) (high >>> 56);
	}

	/** The byte {@link #hexShard} gives for a shard folder name, or -1 if the name is not two hex digits. */
	static int hexShard(String shardName) {
		return EntryNames.isLowerHex(shardName, 0, 2) ? Integer.parseInt(shardName, 16) : -1;
	}

}
