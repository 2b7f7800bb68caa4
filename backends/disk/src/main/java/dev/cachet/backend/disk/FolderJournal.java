package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * What the processes sharing one disk tier folder tell each other: an append-only file of
 * {@link JournalRecord} lines in the folder, which every process tails.
 *
 * <p>Each append opens the file, writes one line and closes it, under a shared {@link FileLock}.
 * When the file passes 8 MiB, the appender takes the lock exclusively and
 * renames it aside; a reader holds its file open, so it reads the renamed file to its end before it
 * moves on, and no line is lost. Every file starts with its generation number: a reader that finds
 * a gap (it was paused through two rotations) knows that history is gone.
 *
 * <p>File locks belong to a whole JVM, so the appends of one JVM are serialized by a lock per
 * journal path (two tiers on one folder in one JVM behave as two processes).
 */
final class FolderJournal implements AutoCloseable {

	private static final String FILE = "journal.log";

	private static final String PREVIOUS = "journal.previous";

	private static final String LOCK = "journal.lock";

	private static final long ROTATE_AT = 8L * 1024 * 1024;

	private final long rotateAt;

	private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

	private final Path file;

	private final Path lockFile;

	private final ReentrantLock jvmLock;

	private final EntryFiles files;

	/** Tells this process's lines from the others'. */
	private final String writer = UUID.randomUUID().toString().substring(0, 8);

	private @Nullable FileChannel reading;

	private long generation;

	private final StringBuilder partial = new StringBuilder();

	FolderJournal(Path root, EntryFiles files) throws IOException {
		this(root, files, ROTATE_AT);
	}

	/** A journal that rotates its file at {@code rotateAt} bytes. */
	FolderJournal(Path root, EntryFiles files, long rotateAt) throws IOException {
		this.rotateAt = rotateAt;
		this.file = root.resolve(FILE);
		this.lockFile = root.resolve(LOCK);
		this.files = files;
		files.createIfAbsent(this.lockFile);
		this.jvmLock = JVM_LOCKS.computeIfAbsent(this.lockFile.toAbsolutePath().normalize(),
				(path) -> new ReentrantLock());
		withLock(true, () -> {
			if (files.createIfAbsent(this.file)) {
				Files.writeString(this.file, header(0), StandardOpenOption.APPEND);
			}
			return null;
		});
		openForReading();
		// The directory scan that follows covers everything before this point.
		this.reading.position(this.reading.size());
	}

	/** Whether a file in the folder's root is one of the journal's. */
	static boolean isJournalFile(String fileName) {
		return fileName.equals(FILE) || fileName.equals(PREVIOUS) || fileName.equals(LOCK);
	}

	/** Appends a record for the other processes. */
	void append(JournalRecord record) throws IOException {
		String line = this.writer + ' ' + record.line() + '\n';
		boolean rotate = withLock(false, () -> {
			try (FileChannel out = FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
				writeFully(out, line);
				return out.size() > this.rotateAt;
			}
		});
		if (rotate) {
			withLock(true, this::rotate);
		}
	}

	private @Nullable Void rotate() throws IOException {
		if (Files.size(this.file) <= this.rotateAt) {
			return null; // another process rotated first
		}
		long current = readGeneration(this.file);
		Files.move(this.file, this.file.resolveSibling(PREVIOUS), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		this.files.createIfAbsent(this.file);
		Files.writeString(this.file, header(current + 1), StandardOpenOption.APPEND);
		return null;
	}

	/**
	 * Delivers the other processes' records written since the last call, in order.
	 * @return {@code false} when records were lost (a gap in generations): the caller must distrust
	 *         what it knows of the folder
	 */
	synchronized boolean poll(Consumer<JournalRecord> consumer) throws IOException {
		readAvailable(consumer);
		FileChannel current = this.reading;
		if (current != null && !sameFile()) {
			readAvailable(consumer); // the renamed file is complete: its appends ended with the rotation
			long before = this.generation;
			current.close();
			openForReading();
			readAvailable(consumer);
			return this.generation == before + 1;
		}
		return true;
	}

	private void readAvailable(Consumer<JournalRecord> consumer) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
		while (this.reading.read(buffer) > 0) {
			buffer.flip();
			this.partial.append(StandardCharsets.US_ASCII.decode(buffer));
			buffer.clear();
			int end;
			while ((end = this.partial.indexOf("\n")) >= 0) {
				String line = this.partial.substring(0, end);
				this.partial.delete(0, end + 1);
				deliver(line, consumer);
			}
		}
	}

	private void deliver(String line, Consumer<JournalRecord> consumer) {
		if (line.startsWith("#")) {
			return;
		}
		int space = line.indexOf(' ');
		if (space <= 0 || line.substring(0, space).equals(this.writer)) {
			return;
		}
		JournalRecord record = JournalRecord.parse(line.substring(space + 1));
		if (record != null) {
			consumer.accept(record);
		}
	}

	/** Opens the current file with its generation, under the lock so that no rotation comes between. */
	private void openForReading() throws IOException {
		withLock(false, () -> {
			this.reading = FileChannel.open(this.file, StandardOpenOption.READ);
			this.generation = readGeneration(this.file);
			return null;
		});
		this.partial.setLength(0);
	}

	/** Whether the file being read is still the current one (a generation of its own). */
	private boolean sameFile() throws IOException {
		try {
			return readGeneration(this.file) == this.generation;
		}
		catch (NoSuchFileException ex) {
			return true; // mid-rotation: look again next time
		}
	}

	private static String header(long generation) {
		return "# cachet-journal-1 generation " + generation + "\n";
	}

	private static long readGeneration(Path file) throws IOException {
		try (var lines = Files.lines(file, StandardCharsets.US_ASCII)) {
			String first = lines.findFirst().orElse("");
			return Long.parseLong(first.substring(first.lastIndexOf(' ') + 1));
		}
		catch (RuntimeException ex) {
			throw new IOException("unreadable journal header in " + file, ex);
		}
	}

	private static void writeFully(FileChannel out, String line) throws IOException {
		ByteBuffer bytes = StandardCharsets.US_ASCII.encode(line);
		while (bytes.hasRemaining()) {
			out.write(bytes);
		}
	}

	private <T> T withLock(boolean exclusive, LockedAction<T> action) throws IOException {
		this.jvmLock.lock();
		try (FileChannel lock = FileChannel.open(this.lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.READ); FileLock held = lock.lock(0, Long.MAX_VALUE, !exclusive)) {
			return action.run();
		}
		finally {
			this.jvmLock.unlock();
		}
	}

	@Override
	public void close() throws IOException {
		if (this.reading != null) {
			this.reading.close();
		}
	}

	private interface LockedAction<T> {

		T run() throws IOException;

	}

}
