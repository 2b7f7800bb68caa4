package dev.cachet.backend.disk;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cachet.core.envelope.CorruptEnvelopeException;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.EnvelopeStreams;
import dev.cachet.core.tier.TierEntry;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.TierInspection;
import dev.cachet.core.tier.TierStreaming;
import dev.cachet.core.tier.TierHealth;
import dev.cachet.core.tier.HeapBudget;
import dev.cachet.core.tier.InvalidationBus;

/**
 * The local disk tier: one file per entry under a folder of this machine, Cachet's embedded
 * default.
 *
 * <p>File names follow {@link EntryNames}: hashes and validated key ids only, with the storage
 * expiry and the size in the name, so the start-up scan rebuilds the index from directory listings
 * alone, or from the snapshot of the index written at the last close for the shard folders it still
 * describes. A compact in-memory index ({@link DiskIndex}: key, size, expiry, last access, about 50
 * bytes an entry) serves lookups, size accounting and least-recently-used eviction.
 *
 * <p>Writes go to a temporary file that is then renamed over the target in one step: a reader
 * sees the old entry or the new one, and a crash leaves at most a temporary file, deleted at the
 * next start. Reads verify the envelope checksum; a corrupt file is deleted and read as a miss,
 * which is also why writes need no {@code fsync}: a file the operating system lost part of in a
 * power cut fails the checksum.
 *
 * <p>Several processes may share the folder (an application and its tests, two instances on one
 * host). They tell each other what they publish, delete and evict through a {@link FolderJournal}
 * they all tail, so each index follows the folder as a whole: the size bound is the folder's, the
 * least-recently-used order is shared through the files' modification times, which each process
 * stamps on use ({@link SizeEviction}), and a write or an eviction replaces or removes the files
 * every process wrote for that key. {@link #invalidations()} carries evictions to the other
 * processes' memory tiers.
 */
public class DiskTier implements CacheTier, TierStreaming, TierInspection {

	private static final Logger logger = LoggerFactory.getLogger(DiskTier.class);

	/** How often the other processes' journal records are read, and the files used since stamped. */
	private static final long JOURNAL_POLL_MILLIS = 100;

	private final Path root;

	private final Clock clock;

	private final EntryFiles files;

	private final DiskIndex index = new DiskIndex();

	private final KeyLocks locks = new KeyLocks();

	private final SizeEviction sizeEviction;

	private final FolderJournal journal;

	private final FolderWrites writes;

	private final WriteGuard guard;

	private final FolderInvalidationBus bus;

	private final JournalApplier applier;

	private final UseStamps useStamps;

	private final LongAdder corruptEntriesDeleted = new LongAdder();

	private final LongAdder expiredEntriesDeleted = new LongAdder();

	private final ScheduledExecutorService sweeper;

	/** Creates a disk tier on the system clock. */
	public DiskTier(DiskTierSettings settings) {
		this(settings, Clock.systemUTC());
	}

	/**
	 * Creates a disk tier, creating its folder if needed and indexing the entries already there.
	 * @throws IllegalStateException if the folder cannot be created or written
	 */
	public DiskTier(DiskTierSettings settings, Clock clock) {
		this.root = settings.directory().toAbsolutePath().normalize();
		this.clock = clock;
		this.files = new EntryFiles(this.root.getFileSystem());
		prepareDirectory();
		this.guard = new WriteGuard(this.root, settings.minFreeBytes());
		this.journal = openJournal();
		this.writes = new FolderWrites(this.root, this.index, this.locks, this.files, this.journal, clock);
		this.sizeEviction = new SizeEviction(this.root, this.index, this.files, settings.maxSizeBytes(),
				this.writes::deleteIfCurrent);
		this.bus = new FolderInvalidationBus(this.journal);
		this.applier = new JournalApplier(this.root, this.index, this.locks, clock, this.bus);
		this.useStamps = new UseStamps(this.root, this.files, this.index, this.sizeEviction);
		rebuildIndex(true);
		followJournal(); // what others did while the folder was being scanned
		this.sweeper = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "cachet-disk-sweeper");
			thread.setDaemon(true);
			return thread;
		});
		long interval = settings.sweepInterval().toMillis();
		this.sweeper.scheduleWithFixedDelay(this::sweepInBackground, interval, interval, TimeUnit.MILLISECONDS);
		this.sweeper.scheduleWithFixedDelay(this::followJournal, JOURNAL_POLL_MILLIS, JOURNAL_POLL_MILLIS,
				TimeUnit.MILLISECONDS);
		this.sweeper.scheduleWithFixedDelay(this::stampUsedFiles, JOURNAL_POLL_MILLIS, JOURNAL_POLL_MILLIS,
				TimeUnit.MILLISECONDS);
	}

	private FolderJournal openJournal() {
		try {
			return new FolderJournal(this.root, this.files);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cachet disk tier cannot open its journal in '" + this.root + "' ("
					+ ex.getMessage() + "); set cachet.disk.path to a writable folder", ex);
		}
	}

	/** Stamps the files of the entries used since the last call, for the other processes on the folder. */
	void stampUsedFiles() {
		this.useStamps.flush();
	}

	/** Applies what the other processes on the folder did; when history was lost, rescans the folder. */
	void followJournal() {
		try {
			if (!this.journal.poll(this.applier::apply)) {
				logger.warn("Cachet disk tier missed part of the journal of {}; rescanning the folder", this.root);
				rebuildIndex(false);
				this.bus.lost();
			}
		}
		catch (IOException | RuntimeException ex) {
			// An escaping exception would cancel the schedule for good.
			logger.warn("Cachet disk tier cannot read the journal of {} ({})", this.root, ex.toString());
		}
	}

	/** Announces this process's evictions to the other processes sharing the folder, and theirs to it. */
	@Override
	public Optional<InvalidationBus> invalidations() {
		return Optional.of(this.bus);
	}

	private void prepareDirectory() {
		try {
			this.files.createDirectories(this.root);
			// A probe write proves the folder is writable now rather than at the first put.
			this.files.deleteQuietly(this.files.writeTemp(this.root, new byte[0]));
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Cachet disk tier cannot write to directory '" + this.root + "' ("
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage()
					+ "); set cachet.disk.path to a writable folder", ex);
		}
	}

	/** Fills the index, from the snapshot of the last close where it still holds when {@code useSnapshot}. */
	private void rebuildIndex(boolean useSnapshot) {
		try {
			new IndexRebuild(this.root, this.index, this.files).run(useSnapshot, this.clock.millis());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cachet disk tier cannot list directory '" + this.root + "' ("
					+ ex.getMessage() + "); set cachet.disk.path to a writable folder", ex);
		}
	}

	@Override
	public String type() {
		return "disk";
	}

	@Override
	public String location() {
		return this.root.toString();
	}

	/**
	 * Reads an entry. An expired entry is deleted and read as a miss; so is a file that is
	 * truncated, corrupt or not an envelope (counted by {@link #corruptEntriesDeleted()}).
	 * @throws IllegalArgumentException if the key id is not 1 to 128 characters of {@code [A-Za-z0-9_-]}
	 * @throws IOException if the file exists but cannot be read (a failing disk, changed permissions)
	 */
	@Override
	public Envelope get(String cache, String key) throws IOException {
		IndexedEntry entry = liveEntry(cache, key);
		if (entry == null) {
			return null;
		}
		if (!HeapBudget.fitsWhole(entry.size())) {
			// written by a JVM with a larger heap: reading it whole would throw OutOfMemoryError here
			logger.debug("Cachet disk tier reads an entry of {} bytes as a miss: above the heap budget", entry.size());
			return null;
		}
		byte[] bytes;
		try {
			bytes = this.files.readIfSized(entry.path(this.root), entry.size());
		}
		catch (NoSuchFileException ex) {
			// replaced or removed by another process: read its replacement, if there is exactly one
			entry = this.writes.relocate(entry);
			if (entry == null) {
				return null;
			}
			try {
				bytes = this.files.readIfSized(entry.path(this.root), entry.size());
			}
			catch (NoSuchFileException again) {
				this.writes.deleteIfCurrent(entry);
				return null;
			}
		}
		Envelope envelope = parse(bytes);
		if (envelope == null) {
			if (this.writes.deleteIfCurrent(entry)) {
				this.corruptEntriesDeleted.increment();
				logger.warn("Cachet disk tier deleted a corrupt entry file {}", entry.path(this.root));
			}
			return null;
		}
		this.useStamps.used(entry, this.clock.millis());
		return envelope;
	}

	/** The indexed entry of a key, or {@code null} when there is none or it expired (then deleted). */
	private IndexedEntry liveEntry(String cache, String key) {
		IndexedEntry entry = this.index.get(EntryNames.cacheFolder(cache), EntryNames.stem(key));
		if (entry != null && entry.isExpiredAt(this.clock.millis())) {
			if (this.writes.deleteIfCurrent(entry)) {
				this.expiredEntriesDeleted.increment();
			}
			return null;
		}
		return entry;
	}

	private static Envelope parse(byte[] bytes) {
		if (bytes == null) {
			return null;
		}
		try {
			return Envelope.parse(bytes);
		}
		catch (CorruptEnvelopeException ex) {
			return null;
		}
	}

	/**
	 * Stores an entry until {@code storageTtl} has passed, replacing any previous one, then evicts
	 * the least recently used entries if the tier is over its max size.
	 * @throws IOException if the file cannot be written (disk full, read-only); no partial file remains
	 */
	@Override
	public void put(String cache, String key, Envelope envelope, Duration storageTtl) throws IOException {
		store(cache, key, envelope.size(), storageTtl, folder -> this.files.writeTemp(folder, envelope.bytes()));
	}

	/** Streams an envelope to disk without holding it in memory, like {@link #put}. */
	@Override
	public void putEnvelope(String cache, String key, InputStream envelope, long length, Duration storageTtl)
			throws IOException {
		try (envelope) {
			store(cache, key, length, storageTtl, folder -> this.files.writeTemp(folder, envelope, length));
		}
	}

	@Override
	public Optional<TierStreaming> streaming() {
		return Optional.of(this);
	}

	@Override
	public Optional<TierInspection> inspection() {
		return Optional.of(this);
	}

	/**
	 * Opens an entry for streaming; the reader verifies its checksum. An expired entry is deleted and
	 * read as a miss.
	 */
	@Override
	public InputStream openEnvelope(String cache, String key) throws IOException {
		IndexedEntry entry = liveEntry(cache, key);
		if (entry == null) {
			return null;
		}
		try {
			InputStream in = this.files.openIfSized(entry.path(this.root), entry.size());
			if (in == null && this.writes.deleteIfCurrent(entry)) {
				this.corruptEntriesDeleted.increment();
			}
			else {
				this.useStamps.used(entry, this.clock.millis());
			}
			return in;
		}
		catch (NoSuchFileException ex) {
			this.writes.deleteIfCurrent(entry);
			return null;
		}
	}

	/**
	 * The live entries of a cache, read from their headers only. Entries whose key was stored as a
	 * hash (keys that are not lowercase ids) cannot be named and are left out.
	 */
	@Override
	public Stream<TierEntry> entries(String cache) {
		String cacheFolder = EntryNames.cacheFolder(cache);
		long now = this.clock.millis();
		return this.index.entriesOf(cacheFolder)
			.stream()
			.filter(entry -> !entry.isExpiredAt(now) && !EntryNames.isHashedStem(entry.stem()))
			.map(this::describe)
			.filter(Objects::nonNull);
	}

	private TierEntry describe(IndexedEntry entry) {
		try (InputStream in = this.files.openIfSized(entry.path(this.root), entry.size())) {
			return (in != null) ? new TierEntry(entry.stem(), EnvelopeStreams.read(in).metadata(), entry.size()) : null;
		}
		catch (IOException | CorruptEnvelopeException ex) {
			return null;
		}
	}

	private void store(String cache, String key, long size, Duration storageTtl, TempWriter writer) throws IOException {
		String cacheFolder = EntryNames.cacheFolder(cache);
		String stem = EntryNames.stem(key);
		if (storageTtl == null || storageTtl.isNegative() || storageTtl.isZero()) {
			throw new IllegalArgumentException("Storage TTL must be positive, got " + storageTtl);
		}
		if (size > EntryNames.MAX_SIZE) {
			throw new IllegalArgumentException("Disk entries hold at most " + EntryNames.MAX_SIZE + " bytes, got " + size);
		}
		long expiresAt = expiry(this.clock.millis(), storageTtl);
		Path folder = this.root.resolve(cacheFolder).resolve(EntryNames.shard(stem));
		this.guard.reserve(size);
		try {
			Path temp = writer.writeTemp(folder);
			long now = this.clock.millis();
			this.writes.publish(IndexedEntry.of(cacheFolder, stem, size, expiresAt), temp, now);
		}
		catch (IOException | RuntimeException ex) {
			this.guard.failed(ex);
			throw ex;
		}
		this.guard.succeeded();
		this.sizeEviction.run();
	}

	/** Writes an entry's bytes to a temporary file in a folder. */
	private interface TempWriter {

		Path writeTemp(Path folder) throws IOException;

	}

	private static long expiry(long nowMillis, Duration ttl) {
		try {
			return Math.addExact(nowMillis, ttl.toMillis());
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	/** Deletes the key's entry, including files other processes sharing the folder wrote for it. */
	@Override
	public void evict(String cache, String key) {
		this.writes.evict(cache, key);
	}

	/**
	 * Deletes every entry of a cache, including entry files this instance did not index (written by
	 * another process). Other files in the folder are left alone.
	 */
	@Override
	public void clear(String cache) throws IOException {
		this.writes.clear(cache);
	}

	/**
	 * Deletes the entries whose storage TTL has passed. The background sweeper calls it every
	 * sweep interval.
	 * @return how many entries were deleted
	 */
	public int sweepExpired() {
		long now = this.clock.millis();
		int deleted = 0;
		for (IndexedEntry entry : this.index.expiredAt(now)) {
			if (this.writes.deleteIfCurrent(entry)) {
				deleted++;
			}
		}
		this.expiredEntriesDeleted.add(deleted);
		return deleted;
	}

	private void sweepInBackground() {
		try {
			sweepExpired();
		}
		catch (RuntimeException ex) {
			// An escaping exception would cancel the schedule for good.
			logger.warn("Cachet disk tier sweep of {} failed", this.root, ex);
		}
	}

	@Override
	public OptionalLong entryCount() {
		return OptionalLong.of(this.index.size());
	}

	@Override
	public OptionalLong sizeInBytes() {
		return OptionalLong.of(this.index.totalBytes());
	}

	/**
	 * Down when the folder has disappeared (a cleaned temporary folder, an unmounted disk); read-only
	 * while writes fail or are refused for want of free space, with the reason.
	 */
	@Override
	public TierHealth health() {
		if (!Files.isDirectory(this.root)) {
			return TierHealth.down("directory " + this.root + " is missing");
		}
		String writeFailure = this.guard.lastFailure();
		return (writeFailure != null) ? TierHealth.readOnly(writeFailure) : TierHealth.up();
	}

	/** Entry files found corrupt, truncated or unparsable on read, and deleted. */
	public long corruptEntriesDeleted() {
		return this.corruptEntriesDeleted.sum();
	}

	/** Entries deleted because their storage TTL had passed, on read or by the sweeper. */
	public long expiredEntriesDeleted() {
		return this.expiredEntriesDeleted.sum();
	}

	/** Entries evicted to keep the tier under its max size. */
	public long sizeEvictions() {
		return this.sizeEviction.evictions();
	}

	/**
	 * Stops the background sweeper and journal reader; the files stay for the next start, with a
	 * snapshot of the index that spares it listing the shard folders unchanged since.
	 */
	@Override
	public void close() {
		this.sweeper.shutdownNow();
		try {
			this.sweeper.awaitTermination(1, TimeUnit.SECONDS);
			stampUsedFiles();
			followJournal(); // the snapshot then holds what the other processes did until now
			new SnapshotWriter(this.root, this.index, this.files).write();
			this.journal.close();
		}
		catch (IOException ex) {
			logger.debug("Cachet disk tier could not close its journal ({})", ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
