package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shard folders of a disk tier folder ({@code <cache folder>/<shard>}), each with its
 * modification time: what the start-up scan lists, and what tells whether a snapshot of the index
 * still describes a shard (creating, renaming or deleting a file in a folder changes its time).
 */
final class ShardFolders {

	private static final Logger logger = LoggerFactory.getLogger(ShardFolders.class);

	private ShardFolders() {
	}

	/**
	 * The shard folders under {@code root}, one {@code stat} each.
	 * @param otherRootFiles receives the root's children that are not cache folders
	 * @throws IOException if the root cannot be listed
	 */
	static List<Shard> list(Path root, Consumer<Path> otherRootFiles) throws IOException {
		List<Shard> shards = new ArrayList<>();
		try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
			for (Path child : children) {
				if (EntryNames.isCacheFolder(child.getFileName().toString()) && isDirectory(child)) {
					addShards(child, shards);
				}
				else {
					otherRootFiles.accept(child);
				}
			}
		}
		return shards;
	}

	private static void addShards(Path cacheFolder, List<Shard> shards) {
		String cacheFolderName = cacheFolder.getFileName().toString();
		try (DirectoryStream<Path> children = Files.newDirectoryStream(cacheFolder)) {
			for (Path child : children) {
				String name = child.getFileName().toString();
				if (name.length() != 2) {
					continue;
				}
				BasicFileAttributes attributes = attributes(child);
				if (attributes != null && attributes.isDirectory()) {
					shards.add(new Shard(cacheFolderName, name, child,
							attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Cachet disk tier cannot list {}; its entries will be misses", cacheFolder, ex);
		}
	}

	private static @Nullable BasicFileAttributes attributes(Path path) {
		try {
			return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			return null; // gone since listed
		}
	}

	private static boolean isDirectory(Path path) {
		return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
	}

	/**
	 * One shard folder.
	 * @param cacheFolder   its cache folder's name
	 * @param name          its own name, two characters
	 * @param path          where it is
	 * @param modifiedNanos its modification time when listed
	 */
	record Shard(String cacheFolder, String name, Path path, long modifiedNanos) {

		/** Identifies a shard within a tier folder. */
		String id() {
			return this.cacheFolder + '/' + this.name;
		}

	}

}
