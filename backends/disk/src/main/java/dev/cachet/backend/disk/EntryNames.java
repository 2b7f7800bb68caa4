package dev.cachet.backend.disk;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 */
final class EntryNames {

	private static final String ENTRY_SUFFIX = ".entry";

	private static final String TEMP_PREFIX = ".cachet-";

	private static final String TEMP_SUFFIX = ".tmp";

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	private static final Pattern VERBATIM_STEM = Pattern.compile("[a-z0-9_-]{5,128}");

	private static final Pattern CACHE_FOLDER = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern ENTRY_FILE = Pattern
		.compile("(~[0-9a-f]{32}|[a-z0-9_-]{5,128})\\.([0-9]{1,19})\\.([0-9]{1,10})" + Pattern.quote(ENTRY_SUFFIX));

	private static final Pattern TEMP_FILE = Pattern
		.compile(Pattern.quote(TEMP_PREFIX) + "[0-9a-f]{1,32}" + Pattern.quote(TEMP_SUFFIX));

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
		if (key == null || !KEY.matcher(key).matches()) {
			// The key is deliberately not echoed: it may be long or hostile.
			throw new IllegalArgumentException("Cache key id must be 1 to 128 characters of [A-Za-z0-9_-], got "
					+ ((key != null) ? key.length() + " characters" : "null"));
		}
		if (VERBATIM_STEM.matcher(key).matches()) {
			return key;
		}
		return "~" + hex(Hashing.xxh3_128().hashBytesTo128Bits(key.getBytes(StandardCharsets.US_ASCII)));
	}

	/** Whether {@code key} is a key id the tier accepts: 1 to 128 characters of {@code [A-Za-z0-9_-]}. */
	static boolean isKeyId(String key) {
		return KEY.matcher(key).matches();
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
		return CACHE_FOLDER.matcher(name).matches();
	}

	static boolean isTempFile(String name) {
		return TEMP_FILE.matcher(name).matches();
	}

	/**
	 * Parses an entry file name.
	 * @return the parsed name, or {@code null} when the file does not follow the scheme
	 */
	static EntryName parseEntryFile(String fileName) {
		Matcher matcher = ENTRY_FILE.matcher(fileName);
		if (!matcher.matches()) {
			return null;
		}
		try {
			return new EntryName(matcher.group(1), Long.parseLong(matcher.group(2)),
					Long.parseLong(matcher.group(3)));
		}
		catch (NumberFormatException ex) {
			return null; // digits beyond Long.MAX_VALUE: not one of ours
		}
	}

	private static String hex(HashValue128 hash) {
		return String.format("%016x%016x", hash.getMostSignificantBits(), hash.getLeastSignificantBits());
	}

	/** A parsed entry file name. */
	record EntryName(String stem, long expiresAtMillis, long size) {
	}

}
