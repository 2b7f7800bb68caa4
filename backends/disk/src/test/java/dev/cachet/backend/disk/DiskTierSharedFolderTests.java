package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.testsupport.MutableClock;

import static dev.cachet.backend.disk.TestEnvelopes.envelope;
import static dev.cachet.backend.disk.TestEnvelopes.payload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two disk tiers on one folder, as two processes sharing it (an application and its tests, two
 * instances on one host). Each {@code followJournal()} call stands for the background poll, so the
 * order of events is the test's.
 */
class DiskTierSharedFolderTests {

	private static final String CACHE = "shared";

	private static final Duration HOUR = Duration.ofHours(1);

	@TempDir
	Path folder;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));

	private final List<DiskTier> tiers = new ArrayList<>();

	@AfterEach
	void close() {
		this.tiers.forEach(DiskTier::close);
	}

	@Test
	void anEntryOneProcessWroteIsReadByTheOther() throws Exception {
		DiskTier one = open(Long.MAX_VALUE);
		DiskTier other = open(Long.MAX_VALUE);

		one.put(CACHE, key("a"), envelope("from one"), HOUR);
		other.followJournal();

		assertThat(payload(other.get(CACHE, key("a")))).isEqualTo("from one");
		assertThat(other.entryCount()).hasValue(1);
	}

	@Test
	void aReplacementIsWhatTheOtherProcessReadsAtOnce() throws Exception {
		DiskTier one = open(Long.MAX_VALUE);
		DiskTier other = open(Long.MAX_VALUE);
		other.put(CACHE, key("a"), envelope("old"), HOUR);
		assertThat(payload(other.get(CACHE, key("a")))).isEqualTo("old");

		this.clock.advance(Duration.ofSeconds(1));
		one.put(CACHE, key("a"), envelope("new"), HOUR);

		// no journal read in between: the other process's own file of the key is gone
		assertThat(payload(other.get(CACHE, key("a")))).isEqualTo("new");
		assertThat(entryFiles()).hasSize(1);
	}

	@Test
	void anEvictionIsNotUndoneByTheOtherProcessNorByARestart() throws Exception {
		DiskTier one = open(Long.MAX_VALUE);
		DiskTier other = open(Long.MAX_VALUE);
		other.put(CACHE, key("a"), envelope("evict me"), HOUR);
		this.clock.advance(Duration.ofSeconds(1));
		one.put(CACHE, key("b"), envelope("keep me"), HOUR);

		one.evict(CACHE, key("a"));

		assertThat(other.get(CACHE, key("a"))).isNull();
		assertThat(one.get(CACHE, key("a"))).isNull();
		DiskTier restarted = open(Long.MAX_VALUE);
		assertThat(restarted.get(CACHE, key("a"))).isNull();
		assertThat(payload(restarted.get(CACHE, key("b")))).isEqualTo("keep me");
	}

	@Test
	void theSizeBoundHoldsForTheFolderAsAWhole() throws Exception {
		long entrySize = envelope("value-00").size();
		long maxSize = 10 * entrySize;
		DiskTier one = open(maxSize);
		DiskTier other = open(maxSize);

		for (int i = 0; i < 20; i++) {
			this.clock.advance(Duration.ofSeconds(1));
			one.put(CACHE, key("one-" + i), envelope("value-%02d".formatted(i)), HOUR);
			other.followJournal();
			assertThat(folderBytes()).isLessThanOrEqualTo(maxSize);
			this.clock.advance(Duration.ofSeconds(1));
			other.put(CACHE, key("two-" + i), envelope("value-%02d".formatted(i)), HOUR);
			one.followJournal();
			assertThat(folderBytes()).isLessThanOrEqualTo(maxSize);
		}
		assertThat(one.sizeInBytes()).hasValue(folderBytes());
		assertThat(other.sizeInBytes()).hasValue(folderBytes());
	}

	@Test
	void aRestartedProcessEvictsByTheFoldersUseNotTheOthersFreshEntries() throws Exception {
		long entrySize = envelope("value-00").size();
		DiskTier other = open(10 * entrySize);
		for (int i = 0; i < 4; i++) {
			other.put(CACHE, key("other-" + i), envelope("value-%02d".formatted(i)), HOUR);
			this.clock.advance(Duration.ofSeconds(1));
		}
		DiskTier restarted = open(10 * entrySize);
		this.clock.advance(Duration.ofSeconds(30));
		for (int i = 0; i < 4; i++) {
			restarted.put(CACHE, key("mine-" + i), envelope("value-%02d".formatted(i)), HOUR);
			this.clock.advance(Duration.ofSeconds(1));
		}
		this.clock.advance(Duration.ofSeconds(10));
		other.followJournal(); // what its background task does every 100 ms: the folder is filling up
		for (int i = 0; i < 4; i++) {
			assertThat(other.get(CACHE, key("other-" + i))).isNotNull(); // used now: stamped on its file
		}
		other.stampUsedFiles(); // and this too
		this.clock.advance(Duration.ofSeconds(10));
		for (int i = 4; i < 8; i++) {
			restarted.put(CACHE, key("mine-" + i), envelope("value-%02d".formatted(i)), HOUR);
			this.clock.advance(Duration.ofSeconds(1));
		}

		// the 11th entry evicts down to 95 % of 10: the two least recently used in the folder go, whoever wrote them
		assertThat(entryStems()).containsExactlyInAnyOrder(key("other-0"), key("other-1"), key("other-2"),
				key("other-3"), key("mine-2"), key("mine-3"), key("mine-4"), key("mine-5"), key("mine-6"),
				key("mine-7"));
	}

	@Test
	void usesAreStampedOnTheFilesOnlyOnceTheFolderIsFillingUp() throws Exception {
		long entrySize = envelope("value-00").size();
		DiskTier tier = open(4 * entrySize);
		tier.put(CACHE, key("a"), envelope("value-00"), HOUR);
		Path file = entryFiles().get(0);
		long written = Files.getLastModifiedTime(file).toMillis();

		this.clock.advance(Duration.ofSeconds(5));
		tier.get(CACHE, key("a"));
		tier.stampUsedFiles();
		assertThat(Files.getLastModifiedTime(file).toMillis()).as("a quarter full").isEqualTo(written);

		tier.put(CACHE, key("b"), envelope("value-01"), HOUR);
		tier.put(CACHE, key("c"), envelope("value-02"), HOUR);
		this.clock.advance(Duration.ofSeconds(5));
		tier.get(CACHE, key("a"));
		tier.stampUsedFiles(); // or its background task, within 100 ms
		assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(this.clock.millis());
	}

	@Test
	void evictionsReachTheOtherProcessesThroughTheBus() throws Exception {
		DiskTier one = open(Long.MAX_VALUE);
		DiskTier other = open(Long.MAX_VALUE);
		List<String> heardByOther = new ArrayList<>();
		List<String> heardByOne = new ArrayList<>();
		other.invalidations().orElseThrow().subscribe(recorder(heardByOther));
		one.invalidations().orElseThrow().subscribe(recorder(heardByOne));

		one.invalidations().orElseThrow().publishEvict(CACHE, key("a"));
		one.invalidations().orElseThrow().publishClear("reports");
		other.followJournal();
		one.followJournal();

		assertThat(heardByOther).containsExactly("evicted shared " + key("a"), "cleared reports");
		assertThat(heardByOne).isEmpty();
	}

	private DiskTier open(long maxSizeBytes) {
		DiskTier tier = new DiskTier(new DiskTierSettings(this.folder, maxSizeBytes, Duration.ofHours(1)), this.clock);
		this.tiers.add(tier);
		return tier;
	}

	private static String key(String name) {
		return "key-" + name;
	}

	private static InvalidationBus.Listener recorder(List<String> heard) {
		return new InvalidationBus.Listener() {

			@Override
			public void evicted(String cache, String key) {
				heard.add("evicted " + cache + " " + key);
			}

			@Override
			public void cleared(String cache) {
				heard.add("cleared " + cache);
			}

			@Override
			public void messagesLost() {
				heard.add("lost");
			}

		};
	}

	private List<Path> entryFiles() throws IOException {
		try (Stream<Path> all = Files.walk(this.folder)) {
			return all.filter((path) -> EntryNames.parseEntryFile(path.getFileName().toString()) != null).toList();
		}
	}

	private List<String> entryStems() throws IOException {
		return entryFiles().stream()
			.map((path) -> EntryNames.parseEntryFile(path.getFileName().toString()).stem())
			.toList();
	}

	private long folderBytes() throws IOException {
		long total = 0;
		for (Path file : entryFiles()) {
			total += Files.size(file);
		}
		return total;
	}

}
