package dev.cachet.core.cache.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

import dev.cachet.core.envelope.CorruptEnvelopeException;
import dev.cachet.core.envelope.EnvelopeStreams;
import dev.cachet.core.tier.CacheNameHash;

/**
 * Local copies of cached files, handed to callers of methods that return a {@link Path}. A hit
 * streams the entry's payload from its tier into a file here, verified before it is published, and
 * later hits of the same entry reuse that file.
 */
final class MaterializedFiles {

	private final Path directory;

	MaterializedFiles(Path directory) {
		this.directory = directory;
	}

	/**
	 * The local file of the entry being read, copied from {@code reader} unless an earlier hit of the
	 * same entry already did.
	 * @param signed whether the entry must carry a valid signature
	 * @throws CorruptEnvelopeException if the entry fails verification; nothing is published then
	 */
	Path materialize(String cache, String key, EnvelopeStreams.Reader reader, boolean signed)
			throws IOException, CorruptEnvelopeException {
		Path folder = directory.resolve(folderOf(cache));
		Path target = folder.resolve(key + "-" + reader.metadata().createdAt().toEpochMilli() + "-"
				+ reader.payloadLength() + ".bin");
		if (Files.isRegularFile(target) && Files.size(target) == reader.payloadLength()) {
			return target;
		}
		Files.createDirectories(folder);
		Path temp = folder.resolve(key + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
		try {
			try (OutputStream out = Files.newOutputStream(temp)) {
				reader.copyPayloadTo(out);
			}
			if (signed && !reader.signatureValid()) {
				throw new CorruptEnvelopeException("no valid signature");
			}
			deleteOlderCopies(folder, key, target);
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/** Removes the local copies of one entry. */
	void evict(String cache, String key) throws IOException {
		deleteOlderCopies(directory.resolve(folderOf(cache)), key, null);
	}

	/** Removes the local copies of every entry of a cache. */
	void clear(String cache) throws IOException {
		deleteOlderCopies(directory.resolve(folderOf(cache)), "", null);
	}

	private static void deleteOlderCopies(Path folder, String key, Path keep) throws IOException {
		if (!Files.isDirectory(folder)) {
			return;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, key + "*.bin")) {
			for (Path file : files) {
				if (!file.equals(keep)) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	private static String folderOf(String cache) {
		return CacheNameHash.of(cache);
	}

}
