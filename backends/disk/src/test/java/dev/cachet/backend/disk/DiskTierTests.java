package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cachet.core.tier.TierHealth;
import dev.cachet.testsupport.MutableClock;

import static dev.cachet.backend.disk.TestEnvelopes.envelope;
import static dev.cachet.backend.disk.TestEnvelopes.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class DiskTierTests {

	private static final String CACHE = "ais";

	private static final String KEY = "0123456789abcdef0123456789abcdef";

	private static final Duration HOUR = Duration.ofHours(1);

	@TempDir
	Path temp;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T10:00:00Z"));

	private Path root;

	private DiskTier tier;

	@AfterEach
	void close() {
		if (this.tier != null) {
			this.tier.close();
		}
	}

	private DiskTier open() {
		return open(Long.MAX_VALUE);
	}

	private DiskTier open(long maxSizeBytes) {
		if (this.tier != null) {
			this.tier.close();
		}
		this.root = this.temp.resolve("cache");
		this.tier = new DiskTier(new DiskTierSettings(this.root, maxSizeBytes, Duration.ofHours(1)), this.clock);
		return this.tier;
	}

	@Test
	void typeAndLocation() {
		DiskTier tier = open();
		assertThat(tier.type()).isEqualTo("disk");
		assertThat(tier.location()).isEqualTo(this.root.toAbsolutePath().toString());
		assertThat(this.root).isDirectory();
	}

	@Test
	void restartSeesEntriesAndTheirExpiry() throws Exception {
		open().put(CACHE, KEY, envelope("kept"), HOUR);
		this.tier.put(CACHE, "short0000000000000000000000000000", envelope("short"), Duration.ofMinutes(10));
		this.clock.advance(Duration.ofMinutes(30));
		DiskTier restarted = open();
		assertThat(restarted.entryCount()).hasValue(1);
		assertThat(payload(restarted.get(CACHE, KEY))).isEqualTo("kept");
		assertThat(restarted.get(CACHE, "short0000000000000000000000000000")).isNull();
		this.clock.advance(Duration.ofMinutes(30));
		assertThat(open().get(CACHE, KEY)).isNull();
		assertThat(entryFiles()).isEmpty();
	}

	@Test
	void replacingAnEntryRemovesTheOlderFile() throws Exception {
		DiskTier tier = open();
		tier.put(CACHE, KEY, envelope("first"), HOUR);
		this.clock.advance(Duration.ofSeconds(1));
		tier.put(CACHE, KEY, envelope("second"), HOUR);
		tier.put(CACHE, KEY, envelope("third"), HOUR); // same expiry: same file name, replaced in place
		assertThat(entryFiles()).hasSize(1);
		assertThat(payload(tier.get(CACHE, KEY))).isEqualTo("third");
		assertThat(tier.entryCount()).hasValue(1);
		assertThat(tier.sizeInBytes()).hasValue(envelope("third").size());
	}

	@Test
	void corruptFileIsDeletedAndCounted() throws Exception {
		DiskTier tier = open();
		tier.put(CACHE, KEY, envelope("payload that will be damaged"), HOUR);
		Path file = fileOf(CACHE, KEY);
		byte[] bytes = Files.readAllBytes(file);
		bytes[bytes.length / 2] ^= 0x01;
		Files.write(file, bytes);
		assertThat(tier.get(CACHE, KEY)).isNull();
		assertThat(file).doesNotExist();
		assertThat(tier.corruptEntriesDeleted()).isEqualTo(1);
		assertThat(tier.entryCount()).hasValue(0);
		assertThat(tier.sizeInBytes()).hasValue(0);
	}

	@Test
	void truncatedFileIsDeletedMiss() throws Exception {
		DiskTier tier = open();
		tier.put(CACHE, KEY, envelope("payload that will be cut"), HOUR);
		Path file = fileOf(CACHE, KEY);
		byte[] bytes = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
		assertThat(tier.get(CACHE, KEY)).isNull();
		assertThat(file).doesNotExist();
		assertThat(tier.corruptEntriesDeleted()).isEqualTo(1);
	}

	@Test
	void truncatedFileFoundAtStartIsDeletedMiss() throws Exception {
		open().put(CACHE, KEY, envelope("payload that will be cut before a restart"), HOUR);
		Path file = fileOf(CACHE, KEY);
		byte[] bytes = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(bytes, 20));
		DiskTier restarted = open();
		assertThat(restarted.get(CACHE, KEY)).isNull();
		assertThat(file).doesNotExist();
		assertThat(restarted.corruptEntriesDeleted()).isEqualTo(1);
	}

	@Test
	void garbageFileWithValidNameIsDeletedMiss() throws Exception {
		open();
		String stem = EntryNames.stem(KEY);
		Path folder = this.root.resolve(EntryNames.cacheFolder(CACHE)).resolve(EntryNames.shard(stem));
		Files.createDirectories(folder);
		long expiry = this.clock.millis() + HOUR.toMillis();
		byte[] words = "not an envelope at all, just some words".getBytes(StandardCharsets.UTF_8);
		Path garbage = Files.write(folder.resolve(EntryNames.entryFile(stem, expiry, words.length)), words);
		DiskTier restarted = open();
		assertThat(restarted.entryCount()).hasValue(1);
		assertThat(restarted.get(CACHE, KEY)).isNull();
		assertThat(garbage).doesNotExist();
		assertThat(restarted.corruptEntriesDeleted()).isEqualTo(1);
	}

	@Test
	void fileDeletedBehindTheTiersBackIsMiss() throws Exception {
		DiskTier tier = open();
		tier.put(CACHE, KEY, envelope("gone"), HOUR);
		Files.delete(fileOf(CACHE, KEY));
		assertThat(tier.get(CACHE, KEY)).isNull();
		assertThat(tier.entryCount()).hasValue(0);
		assertThat(tier.corruptEntriesDeleted()).isZero();
	}

	@Test
	void expiredEntryIsDeletedOnReadAndCounted() throws Exception {
		DiskTier tier = open();
		tier.put(CACHE, KEY, envelope("brief"), Duration.ofSeconds(10));
		Path file = fileOf(CACHE, KEY);
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(tier.get(CACHE, KEY)).isNull();
		assertThat(file).doesNotExist();
		assertThat(tier.entryCount()).hasValue(0);
		assertThat(tier.expiredEntriesDeleted()).isEqualTo(1);
	}

	@Test
	void hugeStorageTtlDoesNotOverflow() throws Exception {
		DiskTier tier = open();
		tier.put(CACHE, KEY, envelope("forever"), Duration.ofSeconds(Long.MAX_VALUE / 1000));
		assertThat(payload(open().get(CACHE, KEY))).isEqualTo("forever");
	}

	@Test
	void sweepDeletesExpiredFiles() throws Exception {
		DiskTier tier = open();
		tier.put(CACHE, "brief000000000000000000000000000", envelope("brief"), Duration.ofMinutes(5));
		tier.put(CACHE, KEY, envelope("long"), HOUR);
		Path briefFile = fileOf(CACHE, "brief000000000000000000000000000");
		assertThat(tier.sweepExpired()).isZero();
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(tier.sweepExpired()).isEqualTo(1);
		assertThat(briefFile).doesNotExist();
		assertThat(fileOf(CACHE, KEY)).exists();
		assertThat(tier.entryCount()).hasValue(1);
		assertThat(tier.expiredEntriesDeleted()).isEqualTo(1);
	}

	@Test
	void scheduledSweepRuns() throws Exception {
		this.root = this.temp.resolve("cache");
		this.tier = new DiskTier(new DiskTierSettings(this.root, Long.MAX_VALUE, Duration.ofMillis(20)), this.clock);
		this.tier.put(CACHE, KEY, envelope("brief"), Duration.ofMinutes(5));
		Path file = fileOf(CACHE, KEY);
		this.clock.advance(Duration.ofMinutes(10));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.tier.entryCount().getAsLong() == 0);
		assertThat(file).doesNotExist();
		assertThat(this.tier.expiredEntriesDeleted()).isEqualTo(1);
	}

	@Test
	void lruEvictionKeepsRecentlyReadEntries() throws Exception {
		int size = envelope("value-00").size();
		DiskTier tier = open(10L * size);
		for (int i = 0; i < 10; i++) {
			tier.put(CACHE, key(i), envelope("value-%02d".formatted(i)), HOUR);
		}
		assertThat(tier.sizeEvictions()).isZero();
		for (int i : new int[] { 0, 1, 2 }) {
			assertThat(tier.get(CACHE, key(i))).isNotNull();
		}
		// 11 entries exceed the limit: the two least recently used go (down to 95% of it).
		tier.put(CACHE, key(10), envelope("value-10"), HOUR);
		assertThat(tier.sizeEvictions()).isEqualTo(2);
		assertThat(tier.entryCount()).hasValue(9);
		assertThat(tier.sizeInBytes().getAsLong()).isLessThanOrEqualTo(10L * size);
		assertThat(entryFiles()).hasSize(9);
		assertThat(tier.get(CACHE, key(3))).isNull();
		assertThat(tier.get(CACHE, key(4))).isNull();
		for (int i : new int[] { 0, 1, 2, 5, 6, 7, 8, 9, 10 }) {
			assertThat(payload(tier.get(CACHE, key(i)))).isEqualTo("value-%02d".formatted(i));
		}
	}

	@Test
	void afterRestartEntriesReadInThisRunOutliveUnreadOnes() throws Exception {
		int size = envelope("value-00").size();
		open(10L * size);
		for (int i = 0; i < 10; i++) {
			this.tier.put(CACHE, key(i), envelope("value-%02d".formatted(i)), HOUR);
			this.clock.advance(Duration.ofSeconds(1));
		}
		DiskTier restarted = open(10L * size);
		assertThat(restarted.get(CACHE, key(0))).isNotNull();
		restarted.put(CACHE, key(10), envelope("value-10"), HOUR);
		// Unread entries found at start go first, the one expiring soonest first.
		assertThat(restarted.get(CACHE, key(1))).isNull();
		assertThat(restarted.get(CACHE, key(2))).isNull();
		for (int i : new int[] { 0, 3, 9, 10 }) {
			assertThat(restarted.get(CACHE, key(i))).isNotNull();
		}
	}

	@Test
	void entryLargerThanMaxSizeIsNotKept() throws Exception {
		DiskTier tier = open(10);
		tier.put(CACHE, KEY, envelope("far larger than ten bytes"), HOUR);
		assertThat(tier.get(CACHE, KEY)).isNull();
		assertThat(entryFiles()).isEmpty();
	}

	@Test
	void filesAndFoldersAreOwnerOnly() throws Exception {
		DiskTier tier = open();
		tier.put(CACHE, KEY, envelope("private"), HOUR);
		Path file = fileOf(CACHE, KEY);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		for (Path folder : List.of(file.getParent(), file.getParent().getParent(), this.root)) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString())
				.isEqualTo("rwx------");
		}
	}

	@Test
	void leftoverTempFilesAreRemovedAtStartAndNeverRead() throws Exception {
		open().put(CACHE, KEY, envelope("real"), HOUR);
		String crashedKey = "crashed0000000000000000000000000";
		Path shard = this.root.resolve(EntryNames.cacheFolder(CACHE))
			.resolve(EntryNames.shard(EntryNames.stem(crashedKey)));
		Files.createDirectories(shard);
		Path inShard = shard.resolve(EntryNames.tempFile(0x1234abcdL));
		Files.write(inShard, envelope("interrupted").bytes());
		Path inRoot = this.root.resolve(EntryNames.tempFile(0xfeedL));
		Files.write(inRoot, new byte[0]);
		Path foreign = shard.resolve("notes.txt");
		Files.writeString(foreign, "someone else's");
		Path foreignInRoot = this.root.resolve("README");
		Files.writeString(foreignInRoot, "someone else's");

		DiskTier restarted = open();
		assertThat(inShard).doesNotExist();
		assertThat(inRoot).doesNotExist();
		assertThat(foreign).exists();
		assertThat(foreignInRoot).exists();
		assertThat(restarted.entryCount()).hasValue(1);
		assertThat(restarted.get(CACHE, crashedKey)).isNull();
		assertThat(payload(restarted.get(CACHE, KEY))).isEqualTo("real");
	}

	@Test
	void directoryUnderARegularFileIsRejectedNamingThePath() throws Exception {
		Path file = Files.writeString(this.temp.resolve("not-a-folder"), "x");
		Path directory = file.resolve("cache");
		assertThatIllegalStateException()
			.isThrownBy(() -> new DiskTier(new DiskTierSettings(directory, 1000, HOUR), this.clock))
			.withMessageContaining(directory.toString())
			.withMessageContaining("cachet.disk.path");
	}

	@Test
	void failedWriteThrowsAndLeavesNoFile() throws Exception {
		DiskTier tier = open();
		String stem = EntryNames.stem(KEY);
		Path cacheFolder = this.root.resolve(EntryNames.cacheFolder(CACHE));
		Files.createDirectories(cacheFolder);
		// A regular file where the shard folder should be makes every write into it fail.
		Files.writeString(cacheFolder.resolve(EntryNames.shard(stem)), "blocker");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> tier.put(CACHE, KEY, envelope("v"), HOUR));
		assertThat(tier.get(CACHE, KEY)).isNull();
		assertThat(tier.entryCount()).hasValue(0);
		try (Stream<Path> all = Files.walk(this.root)) {
			assertThat(all.map((path) -> path.getFileName().toString())).noneMatch(EntryNames::isTempFile);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "../../etc/passwd", "..", "a/b", "/abs", "a\\b", "", "a b", "k\u00e9y", "a.b" })
	void unsafeKeysAreRejected(String key) throws Exception {
		DiskTier tier = open();
		assertThatIllegalArgumentException().isThrownBy(() -> tier.put(CACHE, key, envelope("v"), HOUR));
		assertThatIllegalArgumentException().isThrownBy(() -> tier.get(CACHE, key));
		assertThatIllegalArgumentException().isThrownBy(() -> tier.evict(CACHE, key));
		try (Stream<Path> all = Files.walk(this.temp)) {
			assertThat(all.filter(Files::isRegularFile)
				.filter((file) -> !FolderJournal.isJournalFile(file.getFileName().toString()))).isEmpty();
		}
	}

	@Test
	void overlongAndNullKeysAreRejected() {
		DiskTier tier = open();
		assertThatIllegalArgumentException().isThrownBy(() -> tier.get(CACHE, "a".repeat(129)));
		assertThatIllegalArgumentException().isThrownBy(() -> tier.get(CACHE, null));
		assertThatIllegalArgumentException().isThrownBy(() -> tier.put(CACHE, KEY, envelope("v"), Duration.ZERO));
	}

	@Test
	void keysDifferingOnlyInCaseAreDistinctEntries() throws Exception {
		DiskTier tier = open();
		tier.put(CACHE, "AbCdEf0123456789", envelope("mixed"), HOUR);
		tier.put(CACHE, "abcdef0123456789", envelope("lower"), HOUR);
		tier.put(CACHE, "ABCDEF0123456789", envelope("upper"), HOUR);
		DiskTier restarted = open();
		assertThat(payload(restarted.get(CACHE, "AbCdEf0123456789"))).isEqualTo("mixed");
		assertThat(payload(restarted.get(CACHE, "abcdef0123456789"))).isEqualTo("lower");
		assertThat(payload(restarted.get(CACHE, "ABCDEF0123456789"))).isEqualTo("upper");
	}

	@Test
	void evictDeletesTheFile() throws Exception {
		DiskTier tier = open();
		tier.put(CACHE, KEY, envelope("a"), HOUR);
		tier.put(CACHE, key(1), envelope("b"), HOUR);
		Path file = fileOf(CACHE, KEY);
		tier.evict(CACHE, KEY);
		assertThat(file).doesNotExist();
		assertThat(tier.entryCount()).hasValue(1);
	}

	@Test
	void clearAlsoDeletesEntryFilesOfOtherProcessesButNoForeignFile() throws Exception {
		DiskTier tier = open();
		tier.put(CACHE, KEY, envelope("a"), HOUR);
		tier.put(CACHE, key(1), envelope("b"), HOUR);
		tier.put("other", KEY, envelope("c"), HOUR);
		// An entry another process wrote (not in this instance's index) and a foreign file.
		String stem = EntryNames.stem(key(2));
		Path shard = this.root.resolve(EntryNames.cacheFolder(CACHE)).resolve(EntryNames.shard(stem));
		Files.createDirectories(shard);
		byte[] bytes = envelope("d").bytes();
		String fileName = EntryNames.entryFile(stem, this.clock.millis() + 60_000, bytes.length);
		Path unindexed = Files.write(shard.resolve(fileName), bytes);
		Path foreign = Files.writeString(shard.resolve("keep.me"), "x");

		tier.clear(CACHE);
		assertThat(unindexed).doesNotExist();
		assertThat(foreign).exists();
		assertThat(tier.entryCount()).hasValue(1);
		assertThat(entryFiles()).hasSize(1);
	}

	@Test
	void healthIsDownWhenTheFolderDisappears() throws Exception {
		DiskTier tier = open();
		assertThat(tier.health()).isEqualTo(TierHealth.up());
		FileSystemUtils.deleteRecursively(this.root);
		assertThat(tier.health().state()).isEqualTo(TierHealth.State.DOWN);
	}

	private static String key(int i) {
		return "%032x".formatted(0x9e3779b97f4a7c15L * (i + 1));
	}

	private Path fileOf(String cache, String key) throws IOException {
		String stem = EntryNames.stem(key);
		Path shard = this.root.resolve(EntryNames.cacheFolder(cache)).resolve(EntryNames.shard(stem));
		try (Stream<Path> files = Files.list(shard)) {
			List<Path> matches = files.filter((f) -> f.getFileName().toString().startsWith(stem + ".")).toList();
			assertThat(matches).hasSize(1);
			return matches.get(0);
		}
	}

	private List<Path> entryFiles() throws IOException {
		try (Stream<Path> all = Files.walk(this.root)) {
			return all.filter((path) -> EntryNames.parseEntryFile(path.getFileName().toString()) != null).toList();
		}
	}

}
