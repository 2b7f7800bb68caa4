package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index snapshot as the segments' own arrays: enough entries that every segment spans several
 * chunks, of two cache folders, hashed and plain hex stems and a named one, written and loaded into
 * a new index over the same (entry-less, aged) shard folders. The index itself is checked, so no
 * entry file is needed; {@link IndexSnapshotTests} covers the tier over real files.
 */
class SnapshotRoundTripTests {

	private static final String FOLDER = EntryNames.cacheFolder("ships");

	private static final String OTHER_FOLDER = EntryNames.cacheFolder("ports");

	private static final int ENTRIES = 40_000; // 2,500 a segment: three chunks each

	private static final long NOW = Instant.parse("2026-12-03T12:00:00Z").toEpochMilli();

	@TempDir
	Path root;

	private final EntryFiles files = new EntryFiles(Path.of("").getFileSystem());

	private final DiskIndex written = new DiskIndex();

	private final List<IndexedEntry> entries = new ArrayList<>();

	@BeforeEach
	void writeASnapshotOfManyEntries() throws IOException {
		SplittableRandom random = new SplittableRandom(15);
		for (int i = 0; i < ENTRIES; i++) {
			long high = random.nextLong();
			long low = random.nextLong();
			String stem = (i % 3 == 0) ? IndexKeys.hashedHex(high, low) : IndexKeys.hex(high, low);
			this.entries.add(IndexedEntry.of((i % 2 == 0) ? FOLDER : OTHER_FOLDER, stem,
					random.nextLong(EntryNames.MAX_SIZE + 1), NOW + 1 + random.nextLong(Duration.ofDays(1).toMillis())));
		}
		this.entries.add(IndexedEntry.of(FOLDER, "user-00042", 42, NOW + 60_000));
		for (IndexedEntry entry : this.entries) {
			this.written.put(entry, this.written.rank(NOW));
			Files.createDirectories(shardFolder(entry));
		}
		ageShardFolders();
		assertThat(new SnapshotWriter(this.root, this.written, this.files).write()).isTrue();
	}

	@Test
	void everyEntryComesBackAsItWasRankedAsFoundAtStartUp() throws IOException {
		DiskIndex loaded = load(NOW);

		assertThat(loaded.size()).isEqualTo(this.entries.size());
		assertThat(loaded.totalBytes()).isEqualTo(this.written.totalBytes());
		Set<Integer> versions = new HashSet<>();
		for (IndexedEntry entry : this.entries) {
			IndexedEntry found = loaded.get(entry.cacheFolder(), entry.stem());
			assertThat(found).as(entry.stem()).isNotNull();
			assertThat(found.size()).isEqualTo(entry.size());
			assertThat(found.expiresAtMillis()).isEqualTo(entry.expiresAtMillis());
			assertThat(loaded.lastAccess(found)).isEqualTo(DiskIndex.startRank(entry.expiresAtMillis()));
			versions.add(found.version());
		}
		assertThat(versions).as("a fresh version per write").hasSize(this.entries.size());
	}

	@Test
	void theLoadedIndexTakesRemovalsAndNewEntries() throws IOException {
		DiskIndex loaded = load(NOW);
		List<IndexedEntry> removed = this.entries.subList(0, ENTRIES / 2);
		for (IndexedEntry entry : removed) {
			assertThat(loaded.remove(loaded.get(entry.cacheFolder(), entry.stem()))).isTrue();
		}
		SplittableRandom random = new SplittableRandom(16);
		List<IndexedEntry> added = new ArrayList<>();
		for (int i = 0; i < ENTRIES; i++) {
			IndexedEntry entry = IndexedEntry.of(FOLDER, IndexKeys.hex(random.nextLong(), random.nextLong()), i, NOW + 1);
			assertThat(loaded.put(entry, loaded.rank(NOW))).isNull();
			added.add(entry);
		}

		for (IndexedEntry entry : removed) {
			assertThat(loaded.get(entry.cacheFolder(), entry.stem())).isNull();
		}
		for (IndexedEntry entry : this.entries.subList(ENTRIES / 2, this.entries.size())) {
			assertThat(loaded.get(entry.cacheFolder(), entry.stem())).isNotNull();
		}
		for (IndexedEntry entry : added) {
			assertThat(loaded.get(entry.cacheFolder(), entry.stem())).isEqualTo(entry);
		}
		assertThat(loaded.size()).isEqualTo(this.entries.size() - removed.size() + added.size());
	}

	@Test
	void theEntriesOfAShardFolderChangedSinceAreListedNotLoaded() throws IOException {
		IndexedEntry changed = this.entries.get(0);
		Files.setLastModifiedTime(shardFolder(changed), FileTime.from(Instant.now()));

		DiskIndex loaded = load(NOW);

		for (IndexedEntry entry : this.entries) {
			boolean sameShard = entry.cacheFolder().equals(changed.cacheFolder())
					&& EntryNames.shard(entry.stem()).equals(EntryNames.shard(changed.stem()));
			assertThat(loaded.get(entry.cacheFolder(), entry.stem())).as(entry.stem()).matches(
					(found) -> sameShard ? found == null : found != null, sameShard ? "listed: no file" : "loaded");
		}
	}

	@Test
	void entriesExpiredSinceAreNotLoaded() throws IOException {
		long later = NOW + Duration.ofHours(12).toMillis();

		DiskIndex loaded = load(later);

		long live = this.entries.stream().filter((entry) -> !entry.isExpiredAt(later)).count();
		assertThat(live).isBetween(1L, (long) ENTRIES - 1);
		assertThat(loaded.size()).isEqualTo(live);
		for (IndexedEntry entry : this.entries) {
			assertThat(loaded.get(entry.cacheFolder(), entry.stem()) != null).isEqualTo(!entry.isExpiredAt(later));
		}
	}

	private DiskIndex load(long nowMillis) throws IOException {
		DiskIndex loaded = new DiskIndex();
		new IndexRebuild(this.root, loaded, this.files).run(true, nowMillis);
		return loaded;
	}

	private Path shardFolder(IndexedEntry entry) {
		return this.root.resolve(entry.cacheFolder()).resolve(EntryNames.shard(entry.stem()));
	}

	/** Else changed too recently to be stamped (see {@link SnapshotFile#RACY_MILLIS}). */
	private void ageShardFolders() throws IOException {
		FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
		for (IndexedEntry entry : this.entries) {
			Files.setLastModifiedTime(shardFolder(entry), hourAgo);
		}
	}

}
