package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether the disk tier may write, and remembers why its last write failed. A write that
 * would leave the file system with less than the configured free space is refused; the free space
 * is looked up at most once a second and lowered by what this tier wrote since, so
 * writing resumes by itself once space frees up. While writes fail or are refused, the tier is
 * read-only in its health.
 */
final class WriteGuard {

	private static final long REFRESH_NANOS = 1_000_000_000L;

	private final @Nullable FileStore store;

	private final long minFreeBytes;

	/** A file takes whole blocks of the file system: a small entry costs a block, not its length. */
	private final long blockSize;

	private final AtomicLong usable = new AtomicLong(Long.MAX_VALUE);

	private volatile long usableAtNanos;

	private volatile boolean looked;

	private volatile @Nullable String lastFailure;

	WriteGuard(Path root, long minFreeBytes) {
		this.store = fileStore(root);
		this.minFreeBytes = minFreeBytes;
		this.blockSize = blockSize(this.store);
	}

	private static long blockSize(@Nullable FileStore store) {
		try {
			return (store != null) ? Math.max(1, store.getBlockSize()) : 1;
		}
		catch (IOException | UnsupportedOperationException ex) {
			return 4096;
		}
	}

	private static @Nullable FileStore fileStore(Path root) {
		try {
			return Files.getFileStore(root);
		}
		catch (IOException ex) {
			return null; // no free space known: writes are tried and their failures recorded
		}
	}

	/**
	 * Reserves room for {@code size} bytes.
	 * @throws IOException when the write would leave less than the min free space
	 */
	void reserve(long length) throws IOException {
		if (this.minFreeBytes == 0 || this.store == null) {
			return;
		}
		long size = Math.max(1, (length + this.blockSize - 1) / this.blockSize) * this.blockSize;
		long now = System.nanoTime();
		if (!this.looked || now - this.usableAtNanos >= REFRESH_NANOS) {
			this.usable.set(this.store.getUsableSpace());
			this.usableAtNanos = now;
			this.looked = true;
		}
		long left = this.usable.addAndGet(-size);
		if (left < this.minFreeBytes) {
			this.usable.addAndGet(size);
			String reason = "free space " + megabytes(Math.max(0, left + size)) + " is below cachet.disk.min-free ("
					+ megabytes(this.minFreeBytes) + ")";
			this.lastFailure = reason;
			throw new IOException("Disk tier does not write: " + reason);
		}
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1fMB", bytes / (1024.0 * 1024.0));
	}

	void succeeded() {
		this.lastFailure = null;
	}

	void failed(Exception ex) {
		this.lastFailure = ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	/** Why the last write failed, or {@code null} when it succeeded. */
	@Nullable String lastFailure() {
		return this.lastFailure;
	}

}
