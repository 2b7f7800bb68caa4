package dev.cachet.backend.disk;

/**
 * The layout of the index snapshot, {@value #NAME} in the tier's folder: written at an orderly
 * close ({@link SnapshotWriter}) so that the next start-up lists only the shard folders changed
 * since ({@link SnapshotReader}), rather than a million file names. The entries of 32-hex stems
 * (nearly all) are the {@link EntrySegment}s' own arrays, so that loading them is a few bulk reads
 * and no insert per entry. Little-endian:
 *
 * <pre>
 * "CACHETIX":long version:int segments:int
 * stamps:int    { cache folder:32 ASCII, shard:2 ASCII, modified:long nanos }*
 * folders:int   { cache folder:32 ASCII }*   the compact table's cache folder ids, in order
 * entries:int*  per segment, how many
 * { high, low, meta, expiry, rank }:long*    each segment's dense entries, one segment after the other
 * { slots:int, position:int* }*              each segment's table of positions
 * named:int     { stamp:int, length:byte, stem:ASCII, expiry:long, size:long }*
 * crc32c:int    of everything before it
 * </pre>
 *
 * A stamp is a shard folder's modification time when the snapshot was written; an entry belongs to
 * the shard folder its stem names (the first byte of {@code high} for a 32-hex stem), and is
 * loaded only if that folder was stamped and its time has not changed since. The entries of a
 * segment are those the {@link EntryBits#hash hash} of their key puts there, at the slots of its
 * table the hash gives: {@link #VERSION} must change with that hash, {@link EntryBits}' layout of
 * {@code meta}, {@link EntrySegment}'s of its table, or the number of segments. The table is used
 * as it is only when every entry of the segment is loaded (and the checksum matched); else it is
 * built again from the entries loaded.
 */
final class SnapshotFile {

	static final String NAME = "index.snapshot";

	static final long MAGIC = 0x4341434845544958L; // "CACHETIX"

	static final int VERSION = 2;

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
