package dev.cachet.backend.disk;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * One line of the {@link FolderJournal}: what a process did to the shared folder, or an eviction
 * it announces. Only hashes, file names of the naming scheme and validated key ids: no user text.
 */
interface JournalRecord {

	/** An entry file was published. */
	record Published(String cacheFolder, String fileName) implements JournalRecord {

		@Override
		public String line() {
			return "P " + this.cacheFolder + " " + this.fileName;
		}

	}

	/** An entry file was deleted (evicted, expired, found corrupt). */
	record Deleted(String cacheFolder, String fileName) implements JournalRecord {

		@Override
		public String line() {
			return "D " + this.cacheFolder + " " + this.fileName;
		}

	}

	/** Every entry file of a cache folder was deleted. */
	record Cleared(String cacheFolder) implements JournalRecord {

		@Override
		public String line() {
			return "X " + this.cacheFolder;
		}

	}

	/** An application evicted a key: other processes drop it from their own tiers. */
	record KeyEvicted(String cache, String key) implements JournalRecord {

		@Override
		public String line() {
			return "E " + hex(this.cache) + " " + this.key;
		}

	}

	/** An application cleared a cache: other processes clear it in their own tiers. */
	record CacheCleared(String cache) implements JournalRecord {

		@Override
		public String line() {
			return "C " + hex(this.cache);
		}

	}

	/** The record as one line, without the writer and the line end. */
	String line();

	/** Parses a line written by {@link #line()}; {@code null} for anything else (a foreign or torn line). */
	static @Nullable JournalRecord parse(String line) {
		String[] parts = line.split(" ");
		try {
			return switch (parts[0]) {
				case "P" -> (parts.length == 3 && isEntry(parts[1], parts[2])) ? new Published(parts[1], parts[2]) : null;
				case "D" -> (parts.length == 3 && isEntry(parts[1], parts[2])) ? new Deleted(parts[1], parts[2]) : null;
				case "X" -> (parts.length == 2 && EntryNames.isCacheFolder(parts[1])) ? new Cleared(parts[1]) : null;
				case "E" -> (parts.length == 3 && EntryNames.isKeyId(parts[2]))
						? new KeyEvicted(unhex(parts[1]), parts[2]) : null;
				case "C" -> (parts.length == 2) ? new CacheCleared(unhex(parts[1])) : null;
				default -> null;
			};
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static boolean isEntry(String cacheFolder, String fileName) {
		return EntryNames.isCacheFolder(cacheFolder) && EntryNames.parseEntryFile(fileName) != null;
	}

	static String hex(String text) {
		return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
	}

	static String unhex(String hex) {
		return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
	}

}
