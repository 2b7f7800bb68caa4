package dev.cachet.backend.disk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * File operations of the disk tier: owner-only folders and files where the file system is POSIX,
 * writes that become visible all at once, bounded reads.
 */
final class EntryFiles {

	/** Largest file read as an envelope; anything larger cannot be one. */
	private static final long MAX_ENTRY_SIZE = Integer.MAX_VALUE - 16;

	private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

	private final FileAttribute<?>[] directoryAttributes;

	private final FileAttribute<?>[] fileAttributes;

	EntryFiles(FileSystem fileSystem) {
		boolean posix = fileSystem.supportedFileAttributeViews().contains("posix");
		this.directoryAttributes = posix ? permissions("rwx------") : NONE;
		this.fileAttributes = posix ? permissions("rw-------") : NONE;
	}

	private static FileAttribute<?>[] permissions(String permissions) {
		return new FileAttribute<?>[] {
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) };
	}

	/** Creates a folder and its missing parents, owner-only. */
	void createDirectories(Path directory) throws IOException {
		Files.createDirectories(directory, this.directoryAttributes);
	}

	/**
	 * Writes bytes to a new owner-only temporary file in {@code directory}, creating the folder if
	 * needed. A failed write leaves no temporary file behind.
	 * @return the temporary file
	 */
	Path writeTemp(Path directory, byte[] bytes) throws IOException {
		return writeTemp(directory, out -> {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			while (buffer.hasRemaining()) {
				out.write(buffer);
			}
		});
	}

	/**
	 * Writes exactly {@code length} bytes read from {@code in} to a new owner-only temporary file,
	 * as {@link #writeTemp(Path, byte[])} does.
	 * @throws IOException also when {@code in} holds fewer or more bytes than {@code length}
	 */
	Path writeTemp(Path directory, InputStream in, long length) throws IOException {
		return writeTemp(directory, out -> {
			OutputStream stream = Channels.newOutputStream(out);
			long copied = in.transferTo(stream);
			if (copied != length) {
				throw new IOException("Expected " + length + " bytes, got " + copied);
			}
		});
	}

	/** Writes a new owner-only temporary file with {@code writer}, as {@link #writeTemp(Path, byte[])} does. */
	Path writeTemp(Path directory, Writer writer) throws IOException {
		Path temp = directory.resolve(EntryNames.tempFile(ThreadLocalRandom.current().nextLong()));
		SeekableByteChannel channel;
		try {
			channel = openNew(temp);
		}
		catch (NoSuchFileException ex) {
			// The folder is created on first use only: creating it on every write costs two system calls.
			createDirectories(directory);
			channel = openNew(temp);
		}
		try (SeekableByteChannel out = channel) {
			writer.write(out);
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(temp);
			throw ex;
		}
		return temp;
	}

	/** Writes the content of a temporary file. */
	interface Writer {

		void write(SeekableByteChannel out) throws IOException;

	}

	/**
	 * Opens a file for streaming if it has the expected size.
	 * @return the stream, or {@code null} when the size differs
	 * @throws NoSuchFileException when the file is gone
	 */
	InputStream openIfSized(Path file, long expectedSize) throws IOException {
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		if (channel.size() != expectedSize) {
			channel.close();
			return null;
		}
		return Channels.newInputStream(channel);
	}

	private SeekableByteChannel openNew(Path file) throws IOException {
		return Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
				this.fileAttributes);
	}

	/**
	 * Moves a finished temporary file to its final name in one step, replacing any file there:
	 * readers see the old file or the new one, never a part.
	 */
	void publish(Path temp, Path target) throws IOException {
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(temp);
			throw ex;
		}
	}

	/**
	 * Reads a whole file if it has the expected size.
	 * @return the bytes, or {@code null} when the size differs (the file was truncated or replaced)
	 * @throws NoSuchFileException when the file is gone
	 */
	byte[] readIfSized(Path file, long expectedSize) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			if (size != expectedSize || size > MAX_ENTRY_SIZE) {
				return null;
			}
			ByteBuffer buffer = ByteBuffer.allocate((int) size);
			while (buffer.hasRemaining()) {
				if (channel.read(buffer) < 0) {
					return null;
				}
			}
			return buffer.array();
		}
	}

	/** Deletes a file if present; a file that cannot be deleted is left for the next start. */
	boolean deleteQuietly(Path file) {
		try {
			return Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The entry files of one key stem in its shard folder: the one this process indexed and any
	 * another process sharing the folder wrote.
	 */
	List<Path> filesOfStem(Path shard, String stem) {
		List<Path> found = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(shard, stem + ".*" + ".entry")) {
			for (Path file : files) {
				EntryNames.EntryName name = EntryNames.parseEntryFile(file.getFileName().toString());
				if (name != null && name.stem().equals(stem)) {
					found.add(file);
				}
			}
		}
		catch (IOException ex) {
			// no shard folder yet, or unreadable: nothing to find
		}
		return found;
	}

	/**
	 * Creates an empty owner-only file unless it exists.
	 * @return whether this call created it
	 */
	boolean createIfAbsent(Path file) throws IOException {
		try {
			Files.createFile(file, this.fileAttributes);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
	}

	/** The file's modification time, which processes sharing the folder stamp on use; -1 when it is gone. */
	long stamp(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** Stamps a file as used at {@code millis}; a failure only makes its use less visible to others. */
	void stampQuietly(Path file, long millis) {
		try {
			Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
		}
		catch (IOException ex) {
			// gone or not ours to change
		}
	}

}
