package dev.cachet.backend.disk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DiskIndexTests {

	private static final String FOLDER = EntryNames.cacheFolder("ships");

	private static final String OTHER_FOLDER = EntryNames.cacheFolder("ports");

	private final DiskIndex index = new DiskIndex();

	@Test
	void putGetOverwriteAndRemoveAHexKey() {
		String stem = hex(new SplittableRandom(1));
		IndexedEntry first = IndexedEntry.of(FOLDER, stem, 100, 5_000);
		assertThat(this.index.put(first, this.index.rank(1))).isNull();
		assertThat(this.index.get(FOLDER, stem)).isEqualTo(first);
		assertThat(this.index.get(OTHER_FOLDER, stem)).isNull();

		IndexedEntry second = IndexedEntry.of(FOLDER, stem, 250, 6_000);
		assertThat(this.index.put(second, this.index.rank(2))).isEqualTo(first);
		assertThat(this.index.get(FOLDER, stem)).isEqualTo(second);
		assertThat(this.index.size()).isEqualTo(1);
		assertThat(this.index.totalBytes()).isEqualTo(250);

		assertThat(this.index.remove(first)).as("a replaced write is not removed").isFalse();
		assertThat(this.index.remove(second)).isTrue();
		assertThat(this.index.get(FOLDER, stem)).isNull();
		assertThat(this.index.size()).isZero();
		assertThat(this.index.totalBytes()).isZero();
	}

	@Test
	void aRewriteUnderTheSameFileNameIsStillANewWrite() {
		String stem = hex(new SplittableRandom(2));
		IndexedEntry first = IndexedEntry.of(FOLDER, stem, 100, 5_000);
		IndexedEntry second = IndexedEntry.of(FOLDER, stem, 100, 5_000);
		this.index.put(first, this.index.rank(1));
		this.index.put(second, this.index.rank(1));

		assertThat(second.fileName()).isEqualTo(first.fileName());
		assertThat(this.index.remove(first)).isFalse();
		assertThat(this.index.touch(first, 10)).isFalse();
		assertThat(this.index.lastAccess(first)).isEqualTo(Long.MIN_VALUE);
		assertThat(this.index.get(FOLDER, stem)).isEqualTo(second);
	}

	@Test
	void keysThatAreNotHexAreKeptToo() {
		String verbatim = "user-42";
		String hashed = EntryNames.stem("User42");
		String hex = hashed.substring(1); // the same 32 digits without '~': another key
		IndexedEntry a = IndexedEntry.of(FOLDER, verbatim, 1, 5_000);
		IndexedEntry b = IndexedEntry.of(FOLDER, hashed, 2, 5_000);
		IndexedEntry c = IndexedEntry.of(FOLDER, hex, 4, 5_000);
		IndexedEntry d = IndexedEntry.of(FOLDER, "0123456789abcdef0123456789abcdeg", 8, 5_000); // 32, not hex
		for (IndexedEntry entry : List.of(a, b, c, d)) {
			this.index.put(entry, this.index.rank(1));
		}

		assertThat(this.index.get(FOLDER, verbatim)).isEqualTo(a);
		assertThat(this.index.get(FOLDER, hashed)).isEqualTo(b);
		assertThat(this.index.get(FOLDER, hex)).isEqualTo(c);
		assertThat(this.index.get(FOLDER, d.stem())).isEqualTo(d);
		assertThat(this.index.get(OTHER_FOLDER, verbatim)).isNull();
		assertThat(this.index.size()).isEqualTo(4);
		assertThat(this.index.totalBytes()).isEqualTo(15);
		assertThat(this.index.entriesOf(FOLDER)).containsExactlyInAnyOrder(a, b, c, d);

		assertThat(this.index.remove(a)).isTrue();
		assertThat(this.index.remove(b)).isTrue();
		assertThat(this.index.get(FOLDER, verbatim)).isNull();
		assertThat(this.index.get(FOLDER, hashed)).isNull();
		assertThat(this.index.get(FOLDER, hex)).isEqualTo(c);
		assertThat(this.index.totalBytes()).isEqualTo(12);
	}

	@Test
	void manyEntriesStayFindableAsTheTableGrowsAndShrinks() {
		SplittableRandom random = new SplittableRandom(3);
		List<IndexedEntry> entries = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			IndexedEntry entry = IndexedEntry.of((i % 3 == 0) ? OTHER_FOLDER : FOLDER, hex(random), i, 10_000 + i);
			entries.add(entry);
			this.index.put(entry, this.index.rank(1));
		}
		for (int i = 0; i < entries.size(); i++) {
			if (i % 10 != 0) {
				assertThat(this.index.remove(entries.get(i))).isTrue();
			}
		}

		long expectedBytes = 0;
		for (int i = 0; i < entries.size(); i++) {
			IndexedEntry entry = entries.get(i);
			IndexedEntry found = this.index.get(entry.cacheFolder(), entry.stem());
			if (i % 10 == 0) {
				assertThat(found).isEqualTo(entry);
				expectedBytes += entry.size();
			}
			else {
				assertThat(found).isNull();
			}
		}
		assertThat(this.index.size()).isEqualTo(2_000);
		assertThat(this.index.totalBytes()).isEqualTo(expectedBytes);
		assertThat(this.index.entriesOf(OTHER_FOLDER)).hasSize(667)
			.allMatch(entry -> entry.cacheFolder().equals(OTHER_FOLDER));
		assertThat(this.index.expiredAt(10_000 + 100)).extracting(IndexedEntry::size)
			.containsExactlyInAnyOrder(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);
	}

	@Test
	void laterRanksWinAtRebuildAndLeastRecentlyUsedComesFirst() {
		SplittableRandom random = new SplittableRandom(4);
		String stem = hex(random);
		IndexedEntry early = IndexedEntry.of(FOLDER, stem, 10, 1_000);
		IndexedEntry late = IndexedEntry.of(FOLDER, stem, 20, 2_000);
		assertThat(this.index.putIfMoreRecent(late, DiskIndex.startRank(2_000))).isNull();
		assertThat(this.index.putIfMoreRecent(early, DiskIndex.startRank(1_000))).isEqualTo(early);
		assertThat(this.index.get(FOLDER, stem)).isEqualTo(late);
		assertThat(this.index.totalBytes()).isEqualTo(20);

		IndexedEntry other = IndexedEntry.of(FOLDER, hex(random), 5, 3_000);
		this.index.put(other, this.index.rank(100));
		assertThat(this.index.leastRecentlyUsedFirst().poll().entry()).isEqualTo(late);
		this.index.touch(late, 200);
		assertThat(this.index.leastRecentlyUsedFirst().poll().entry()).isEqualTo(other);
		assertThat(this.index.raiseRank(other, DiskIndex.rankOfStamp(300))).isEqualTo(DiskIndex.rankOfStamp(300));
		assertThat(this.index.leastRecentlyUsedFirst().poll().entry()).isEqualTo(late);
	}

	@Test
	void aFileIsDueAStampOnItsFirstUseInEachSecond() {
		IndexedEntry entry = IndexedEntry.of(FOLDER, hex(new SplittableRandom(5)), 1, Long.MAX_VALUE);
		this.index.put(entry, DiskIndex.startRank(Long.MAX_VALUE));
		assertThat(this.index.touch(entry, 10_500)).isTrue();
		assertThat(this.index.touch(entry, 10_999)).isFalse();
		assertThat(this.index.touch(entry, 11_000)).isTrue();
		assertThat(this.index.touch(entry, 11_001)).isFalse();
	}

	@Test
	void concurrentWritersKeepEveryKeyAndTheByteCountRight() throws Exception {
		int threads = 4;
		int perThread = 5_000;
		CyclicBarrier start = new CyclicBarrier(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Map<String, IndexedEntry>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int seed = t;
				results.add(pool.submit(() -> write(seed, perThread, start)));
			}
			Map<String, IndexedEntry> expected = new HashMap<>();
			for (Future<Map<String, IndexedEntry>> result : results) {
				expected.putAll(result.get(60, TimeUnit.SECONDS));
			}
			long bytes = 0;
			for (IndexedEntry entry : expected.values()) {
				assertThat(this.index.get(entry.cacheFolder(), entry.stem())).isEqualTo(entry);
				bytes += entry.size();
			}
			assertThat(this.index.size()).isEqualTo(expected.size());
			assertThat(this.index.totalBytes()).isEqualTo(bytes);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Puts keys of its own, overwrites each, removes every third and reads throughout; returns what should remain. */
	private Map<String, IndexedEntry> write(int seed, int count, CyclicBarrier start) throws Exception {
		SplittableRandom random = new SplittableRandom(seed);
		Map<String, IndexedEntry> kept = new HashMap<>();
		start.await();
		for (int i = 0; i < count; i++) {
			String stem = (i % 50 == 0) ? "key-" + seed + "-" + i : hex(random);
			IndexedEntry first = IndexedEntry.of(FOLDER, stem, i, Long.MAX_VALUE);
			this.index.put(first, this.index.rank(i));
			IndexedEntry second = IndexedEntry.of(FOLDER, stem, i + 1, Long.MAX_VALUE);
			this.index.put(second, this.index.rank(i));
			this.index.touch(second, i);
			if (i % 3 == 0) {
				if (!this.index.remove(second)) {
					throw new AssertionError("lost " + stem);
				}
			}
			else {
				kept.put(second.id(), second);
			}
		}
		return kept;
	}

	private static String hex(SplittableRandom random) {
		return IndexKeys.hex(random.nextLong(), random.nextLong());
	}

}
