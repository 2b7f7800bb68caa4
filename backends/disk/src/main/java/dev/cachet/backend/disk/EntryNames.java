package dev.cachet.backend.disk;

import java.nio.charset.StandardCharsets;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;

/**
 * The disk tier's naming scheme. No user text ever reaches a path:
 *
 * <pre>
 * {directory}/{cache folder}/{shard}/{stem}.{expiry, epoch millis}.{size in bytes}.entry
 * </pre>
 *
 * <ul>
 * <li>cache folder: hex XXH3-128 of the cache name;</li>
 * <li>stem: the key id itself when it is 5 to 128 characters of {@code [a-z0-9_-]}; otherwise
 * {@code ~} followed by the hex XXH3-128 of the key id. Keys with upper-case letters are hashed so
 * that two keys differing only in case never share a file on a case-insensitive file system; short
 * ones so that no stem is a Windows device name ({@code con}, {@code nul}, {@code com1});</li>
 * <li>shard: the first two characters of the stem (after {@code ~}), to keep folders small;</li>
 * <li>expiry and size: when the storage TTL ends and how long the file must be, so the start-up
 * scan rebuilds the index from directory listings alone, with neither a file open nor a
 * {@code stat}; a file whose length differs from its name is truncated or foreign.</li>
 * </ul>
 * Temporary files of writes in progress are {@code .cachet-{random}.tmp} in the target folder.
 *
 * <p>Names are checked and parsed by hand rather than with regular expressions: the start-up scan
 * parses every file name of the folder, a million of them for a large tier.
 */
final class EntryNames {

	private static final String ENTRY_SUFFIX = ".entry";

	private static final String TEMP_PREFIX = ".cachet-";

	private static final String TEMP_SUFFIX = ".tmp";

	private static final int HEX_LENGTH = 32;

	private static final int MAX_EXPIRY_DIGITS = 19;

	private static final int MAX_SIZE_DIGITS = 10;

	/** The largest entry a file name can describe: 10 digits. */
	static final long MAX_SIZE = 9_999_999_999L;

	private EntryNames() {
	}

	/** Folder name of a cache. */
	static String cacheFolder(String cache) {
		if (cache == null) {
			throw new IllegalArgumentException("Cache name must not be null");
		}
		return hex(Hashing.xxh3_128().hashBytesTo128Bits(cache.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * File stem of a key id.
	 * @throws IllegalArgumentException if the key id is not 1 to 128 characters of {@code [A-Za-z0-9_-]}
	 */
	static String stem(String key) {
		if (key == null || !isKeyId(key)) {
			// The key is deliberately not echoed: it may be long or hostile.
			throw new IllegalArgumentException("Cache key id must be 1 to 128 characters of [A-Za-z0-9_-], got "
					+ ((key != null) ? key.length() + " characters" : "null"));
		}
		if (isVerbatimStem(key, 0, key.length())) {
			return key;
		}
		return "~" + hex(Hashing.xxh3_128().hashBytesTo128Bits(key.getBytes(StandardCharsets.US_ASCII)));
	}

	/** Whether {@code key} is a key id the tier accepts: 1 to 128 characters of {@code [A-Za-z0-9_-]}. */
	static boolean isKeyId(String key) {
		int length = key.length();
		if (length < 1 || length > 128) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = key.charAt(i);
			if (!isStemChar(c) && !(c >= 'A' && c <= 'Z')) {
				return false;
			}
		}
		return true;
	}

	/** Whether a stem is the hash of its key rather than the key itself. */
	static boolean isHashedStem(String stem) {
		return stem.charAt(0) == '~';
	}

	/** Shard folder name of a stem. */
	static String shard(String stem) {
		int start = isHashedStem(stem) ? 1 : 0;
		return stem.substring(start, start + 2);
	}

	static String entryFile(String stem, long expiresAtMillis, long size) {
		return stem + "." + expiresAtMillis + "." + size + ENTRY_SUFFIX;
	}

	/** A fresh, unpredictable temporary file name. */
	static String tempFile(long random) {
		return TEMP_PREFIX + Long.toHexString(random) + TEMP_SUFFIX;
	}

	static boolean isCacheFolder(String name) {
		return name.length() == HEX_LENGTH && isLowerHex(name, 0, HEX_LENGTH);
	}

	static boolean isTempFile(String name) {
		int hexEnd = name.length() - TEMP_SUFFIX.length();
		int hexLength = hexEnd - TEMP_PREFIX.length();
		return hexLength >= 1 && hexLength <= HEX_LENGTH && name.startsWith(TEMP_PREFIX)
				&& name.endsWith(TEMP_SUFFIX) && isLowerHex(name, TEMP_PREFIX.length(), hexEnd);
	}

	/**
	 * Parses an entry file name: {@code (~<32 hex>|[a-z0-9_-]{5,128}).<1-19 digits>.<1-10 digits>.entry},
	 * numbers without leading zeros.
	 * @return the parsed name, or {@code null} when the file does not follow the scheme
	 */
	static EntryName parseEntryFile(String fileName) {
		if (!fileName.endsWith(ENTRY_SUFFIX)) {
			return null;
		}
		int end = fileName.length() - ENTRY_SUFFIX.length();
		// The stem holds no '.', so the two numbers are what follows its first '.'.
		int firstDot = fileName.indexOf('.');
		int secondDot = (firstDot < 0) ? -1 : fileName.indexOf('.', firstDot + 1);
		if (secondDot < 0 || secondDot >= end || fileName.indexOf('.', secondDot + 1) != end
				|| !isStem(fileName, 0, firstDot)) {
			return null;
		}
		long expiresAt = digits(fileName, firstDot + 1, secondDot, MAX_EXPIRY_DIGITS);
		long size = digits(fileName, secondDot + 1, end, MAX_SIZE_DIGITS);
		if (expiresAt < 0 || size < 0) {
			return null;
		}
		return new EntryName(fileName.substring(0, firstDot), expiresAt, size);
	}

	private static boolean isStem(String text, int start, int end) {
		if (end > start && text.charAt(start) == '~') {
			return end - start - 1 == HEX_LENGTH && isLowerHex(text, start + 1, end);
		}
		return isVerbatimStem(text, start, end);
	}

	private static boolean isVerbatimStem(String text, int start, int end) {
		int length = end - start;
		if (length < 5 || length > 128) {
			return false;
		}
		for (int i = start; i < end; i++) {
			if (!isStemChar(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isStemChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
	}

	/** Whether {@code text[start, end)} is lowercase hex digits only. */
	static boolean isLowerHex(String text, int start, int end) {
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The decimal number in {@code text[start, end)}, or -1 if it is not 1 to {@code maxDigits} digits,
	 * has a leading zero (the index derives file names from the numbers, so a name must be the one
	 * Cachet writes) or overflows.
	 */
	private static long digits(String text, int start, int end, int maxDigits) {
		int length = end - start;
		if (length < 1 || length > maxDigits || (length > 1 && text.charAt(start) == '0')) {
			return -1;
		}
		long value = 0;
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			int digit = c - '0';
			if (value > (Long.MAX_VALUE - digit) / 10) {
				return -1; // beyond Long.MAX_VALUE: not one of ours
			}
			value = value * 10 + digit;
		}
		return value;
	}

	private static String hex(HashValue128 hash) {
		return IndexKeys.hex(hash.getMostSignificantBits(), hash.getLeastSignificantBits());
	}

	/** A parsed entry file name. */
	record EntryName(String stem, long expiresAtMillis, long size) {
	}

}
