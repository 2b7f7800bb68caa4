package dev.cachet.backend.disk;

/**
 * The layout of the {@code meta} long of an {@link EntrySegment} entry, low bits first: the size
 * (34 bits, as the naming scheme allows 10 digits), whether the stem is hashed ({@code ~}, 1 bit),
 * the cache folder's id ({@link #FOLDER_BITS}) and the write's version (the rest, 17 bits). The
 * hashed bit and the folder id belong to the entry's key; the size and version to the write.
 */
final class EntryBits {

	static final int FOLDER_BITS = 12;

	private static final int SIZE_BITS = 34;

	private static final long SIZE_MASK = (1L << SIZE_BITS) - 1;

	private static final int KIND_SHIFT = SIZE_BITS;

	private static final int FOLDER_SHIFT = KIND_SHIFT + 1;

	private static final int VERSION_SHIFT = FOLDER_SHIFT + FOLDER_BITS;

	private static final long KEY_MASK = ((1L << (1 + FOLDER_BITS)) - 1) << KIND_SHIFT;

	static {
		if (VERSION_SHIFT + IndexedEntry.VERSION_BITS != Long.SIZE || EntryNames.MAX_SIZE > SIZE_MASK) {
			throw new AssertionError("meta does not fit 64 bits");
		}
	}

	private EntryBits() {
	}

	/** The key bits of {@code meta} for a stem of 32 hex digits, hashed or not, in a cache folder. */
	static long keyBits(boolean hashed, int folderId) {
		return ((hashed ? 1L : 0L) << KIND_SHIFT) | ((long) folderId << FOLDER_SHIFT);
	}

	static long keyBits(long meta) {
		return meta & KEY_MASK;
	}

	/** The {@code meta} of a write of an entry under a key. */
	static long meta(long keyBits, IndexedEntry entry) {
		return meta(keyBits, entry.size(), entry.version());
	}

	static long meta(long keyBits, long size, int version) {
		return keyBits | size | ((long) version << VERSION_SHIFT);
	}

	/** {@code meta} with another write version. */
	static long withVersion(long meta, int version) {
		return (meta & ((1L << VERSION_SHIFT) - 1)) | ((long) version << VERSION_SHIFT);
	}

	static long size(long meta) {
		return meta & SIZE_MASK;
	}

	static int version(long meta) {
		return (int) (meta >>> VERSION_SHIFT);
	}

	static int folderId(long meta) {
		return (int) (meta >>> FOLDER_SHIFT) & ((1 << FOLDER_BITS) - 1);
	}

	static boolean isHashed(long meta) {
		return ((meta >>> KIND_SHIFT) & 1) != 0;
	}

	/** A well-mixed hash of a key: its high bits pick the segment, its low bits the slot. */
	static long hash(long high, long low, long keyBits) {
		long h = (high * 0x9E3779B97F4A7C15L) ^ low ^ keyBits;
		h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
		h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
		return h ^ (h >>> 33);
	}

}
