package dev.cachet.backend.disk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.testsupport.MutableClock;

import static dev.cachet.backend.disk.TestEnvelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

class DiskTierConcurrencyTests {

	private static final int THREADS = 16;

	private static final int KEYS = 50;

	private static final int VARIANTS = 4;

	private static final int OPERATIONS_PER_THREAD = 500;

	@TempDir
	Path root;

	/**
	 * 16 threads put, get and evict 50 keys; with a tight max size, evictions for size run
	 * concurrently too. Every hit must be one of the envelopes written for that key, and the
	 * index must agree with the files left on disk.
	 */
	@ParameterizedTest
	@ValueSource(longs = { Long.MAX_VALUE, 2_000 })
	void everyHitIsAnEnvelopeWrittenForItsKey(long maxSizeBytes) throws Exception {
		String[] keys = new String[KEYS];
		Envelope[][] written = new Envelope[KEYS][VARIANTS];
		for (int k = 0; k < KEYS; k++) {
			keys[k] = "key%02d%s".formatted(k, "0".repeat(27));
			for (int v = 0; v < VARIANTS; v++) {
				written[k][v] = envelope("key " + k + " variant " + v + " " + "x".repeat(v * 10));
			}
		}
		MutableClock clock = new MutableClock(Instant.parse("2026-11-02T10:00:00Z"));
		Queue<String> wrongHits = new ConcurrentLinkedQueue<>();
		LongAdder hits = new LongAdder();
		try (DiskTier tier = new DiskTier(new DiskTierSettings(this.root, maxSizeBytes, Duration.ofHours(1)),
				clock)) {
			ExecutorService pool = Executors.newFixedThreadPool(THREADS);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				long seed = t;
				futures.add(pool.submit(() -> {
					SplittableRandom random = new SplittableRandom(seed);
					start.await();
					for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
						int k = random.nextInt(KEYS);
						int operation = random.nextInt(10);
						if (operation < 4) {
							// Two TTLs: replacements change the file name half of the time.
							Duration ttl = Duration.ofMinutes(10 + random.nextInt(2));
							tier.put("c", keys[k], written[k][random.nextInt(VARIANTS)], ttl);
						}
						else if (operation < 9) {
							Envelope read = tier.get("c", keys[k]);
							if (read != null) {
								hits.increment();
								boolean known = Arrays.stream(written[k])
									.anyMatch((e) -> Arrays.equals(e.bytes(), read.bytes()));
								if (!known) {
									wrongHits.add(keys[k]);
								}
							}
						}
						else {
							tier.evict("c", keys[k]);
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get();
			}
			pool.shutdown();

			assertThat(wrongHits).isEmpty();
			assertThat(hits.sum()).isPositive();
			assertThat(tier.corruptEntriesDeleted()).isZero();
			List<Path> files = files();
			assertThat(files).allMatch((f) -> EntryNames.parseEntryFile(f.getFileName().toString()) != null);
			assertThat(tier.entryCount()).hasValue(files.size());
			long bytesOnDisk = 0;
			for (Path file : files) {
				bytesOnDisk += Files.size(file);
			}
			assertThat(tier.sizeInBytes()).hasValue(bytesOnDisk);
			assertThat(bytesOnDisk).isLessThanOrEqualTo(maxSizeBytes);
			for (int k = 0; k < KEYS; k++) {
				Envelope read = tier.get("c", keys[k]);
				if (read != null) {
					assertThat(written[k]).anyMatch((e) -> Arrays.equals(e.bytes(), read.bytes()));
				}
			}
		}
	}

	private List<Path> files() throws Exception {
		try (Stream<Path> all = Files.walk(this.root)) {
			return all.filter(Files::isRegularFile)
				.filter((file) -> !FolderJournal.isJournalFile(file.getFileName().toString()))
				.toList();
		}
	}

}
