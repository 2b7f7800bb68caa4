package dev.cachet.autoconfigure.reliability;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.reliability.values.Sample;
import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.backend.disk.DiskTier;
import dev.cachet.core.cache.TierStatistics;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.tier.TierHealth;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Breaks the disk under a running application: a few threads call a {@code @Cacheable} method through
 * the auto-configured disk tier while entry files are corrupted, truncated and deleted, the folder turns
 * read-only and the file system fills up. Every call must return the right result without an exception;
 * the tier's counters show what happened.
 */
class DiskFaultsUnderLoadTests {

	private static final FileSystemFaults faults = new FileSystemFaults();

	private static Path base;

	@BeforeAll
	static void createBase() throws IOException {
		// Not a @TempDir: JUnit must not try to delete a folder while something is mounted on it.
		base = Files.createTempDirectory("cachet-disk-faults-");
	}

	@AfterAll
	static void removeMountsAndFiles() throws IOException {
		try {
			faults.close();
		}
		finally {
			try (Stream<Path> files = Files.walk(base)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class App {

		@Bean
		SampleService sampleService() {
			return new SampleService();
		}

	}

	private static ApplicationContextRunner application(Path cacheFolder) {
		return application(cacheFolder, 0);
	}

	private static ApplicationContextRunner application(Path cacheFolder, long minFreeBytes) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(App.class)
			.withPropertyValues("cachet.disk.path=" + cacheFolder, "cachet.tiers=disk",
					"cachet.disk.min-free=" + minFreeBytes + "B",
					"cachet.fingerprint.packages=dev.cachet.autoconfigure.reliability");
	}

	private static DiskTier diskTier(ApplicationContext context) {
		return (DiskTier) context.getBean(TieredCacheManager.class).tiers().get("disk").tier();
	}

	private static TierStatistics diskStatistics(ApplicationContext context) {
		return context.getBean(TieredCacheManager.class).tiers().get("disk").statistics();
	}

	@Test
	void flippedTruncatedAndDeletedFilesAreMissesNeverWrongResults() throws Exception {
		Path folder = Files.createDirectories(base.resolve("corruption"));
		application(folder).run((context) -> {
			SampleService service = context.getBean(SampleService.class);
			FileVandal vandal = new FileVandal(folder);
			try (CallLoad load = new CallLoad(service::sample, 400, 4)) {
				load.runFor(Duration.ofMillis(500));
				Thread vandalThread = new Thread(vandal, "vandal");
				vandalThread.start();
				load.runUntil(() -> diskTier(context).corruptEntriesDeleted() > 20 && vandal.deleted.sum() > 20
						&& vandal.foldersDeleted.sum() > 2, Duration.ofSeconds(20));
				vandal.stop();
				vandalThread.join();
				load.runFor(Duration.ofMillis(300));
				load.close();
				System.out.printf("disk corruption: %s; %d flips, %d truncations, %d files and %d folders deleted; "
						+ "%d corrupt entries deleted by the tier%n", load, vandal.flipped.sum(), vandal.truncated.sum(),
						vandal.deleted.sum(), vandal.foldersDeleted.sum(), diskTier(context).corruptEntriesDeleted());
				assertThat(load.exceptions()).isEmpty();
				assertThat(load.wrongResults()).isZero();
				assertThat(vandal.flipped.sum()).isPositive();
				assertThat(vandal.truncated.sum()).isPositive();
				assertThat(diskTier(context).corruptEntriesDeleted()).as("corrupt files found and deleted").isGreaterThan(20);
			}
			// what is on disk now is whole again: every entry reads back right
			for (int n = 0; n < 400; n++) {
				assertThat(service.sample(n)).isEqualTo(Sample.of(n));
			}
		});
	}

	@Test
	void aFolderTurningReadOnlyFailsWritesButNoCall() throws Exception {
		Path folder = Files.createDirectories(base.resolve("read-only"));
		Path cacheFolder = folder.resolve("cache");
		application(cacheFolder).run((context) -> {
			SampleService service = context.getBean(SampleService.class);
			TierStatistics disk = diskStatistics(context);
			try (CallLoad load = new CallLoad(service::sample, 100_000, 4)) {
				load.runUntil(() -> disk.puts() > 200, Duration.ofSeconds(20));
				long hitsBefore = disk.hits();
				faults.makeReadOnly(cacheFolder);
				long errorsAtReadOnly = disk.errors();
				boolean writesFailed = load.runUntil(() -> disk.errors() > errorsAtReadOnly + 100, Duration.ofSeconds(20));
				long putsWhileReadOnly = disk.puts();
				load.runFor(Duration.ofMillis(300));
				long failedWrites = disk.errors() - errorsAtReadOnly;
				faults.unmount(cacheFolder);
				boolean writesResumed = load.runUntil(() -> disk.puts() > putsWhileReadOnly + 100, Duration.ofSeconds(20));
				load.close();
				System.out.printf("read-only disk (%s): %s; %d writes failed while read-only, hits %d -> %d%n",
						faults.method(), load, failedWrites, hitsBefore, disk.hits());
				assertThat(load.exceptions()).isEmpty();
				assertThat(load.wrongResults()).isZero();
				assertThat(writesFailed).as("writes failed while read-only").isTrue();
				assertThat(writesResumed).as("writes resumed without a restart").isTrue();
			}
		});
	}

	@Test
	void aFullDiskFailsWritesLeavesNoPartialFileAndStillServesWhatItHas() throws Exception {
		Path mountPoint = Files.createDirectories(base.resolve("full"));
		faults.mountTinyFileSystem(mountPoint, "2m");
		Path cacheFolder = mountPoint.resolve("cache");
		application(cacheFolder).run((context) -> {
			SampleService service = context.getBean(SampleService.class);
			TierStatistics disk = diskStatistics(context);
			try (CallLoad load = new CallLoad(service::sample, 2_000, 4)) {
				load.runUntil(() -> disk.puts() > 100, Duration.ofSeconds(20));
				faults.fillUp(cacheFolder);
				boolean full = load.runUntil(() -> disk.errors() > 200, Duration.ofSeconds(30));
				long hitsWhenFull = disk.hits();
				load.runFor(Duration.ofMillis(500));
				load.close();
				System.out.printf("full disk (%s): %s; %d entries stored, %d failed writes, hits %d -> %d%n",
						faults.method(), load, diskTier(context).entryCount().getAsLong(), disk.errors(), hitsWhenFull,
						disk.hits());
				assertThat(load.exceptions()).isEmpty();
				assertThat(load.wrongResults()).isZero();
				assertThat(full).as("writes failed once the file system was full").isTrue();
				if (!faults.simulated()) {
					// the simulation takes the folder away, so only a real full disk can still serve
					assertThat(disk.hits()).as("entries stored before it filled up are still served")
						.isGreaterThan(hitsWhenFull);
					// writes land after the calls return: one may still be on its way; once all have, none is left half-done
					assertThat(context.getBean(TieredCacheManager.class).awaitWrites(Duration.ofSeconds(30))).isTrue();
					assertThat(temporaryFiles(cacheFolder)).as("partial files left behind").isEmpty();
				}
			}
		});
		if (!faults.simulated()) {
			faults.unmount(mountPoint);
		}
	}

	@Test
	void writesStopAtMinFreeShowItInHealthAndResumeWhenSpaceFreesUp() throws Exception {
		Path mountPoint = Files.createDirectories(base.resolve("min-free"));
		faults.mountTinyFileSystem(mountPoint, "4m");
		Path cacheFolder = Files.createDirectories(mountPoint.resolve("cache"));
		// on the real small file system, 1 MB may be written; simulated, 1 MB of this one's free space
		long minFree = Files.getFileStore(cacheFolder).getUsableSpace() - 1024 * 1024;
		application(cacheFolder, minFree).run((context) -> {
			SampleService service = context.getBean(SampleService.class);
			TierStatistics disk = diskStatistics(context);
			DiskTier tier = diskTier(context);
			try (CallLoad load = new CallLoad(service::sample, 5_000, 4)) {
				boolean refused = load.runUntil(() -> tier.health().state() == TierHealth.State.READ_ONLY,
						Duration.ofSeconds(30));
				long putsWhenRefused = disk.puts();
				load.runFor(Duration.ofMillis(500));
				long usableWhenRefused = Files.getFileStore(cacheFolder).getUsableSpace();
				String reason = tier.health().detail();
				long errorsBefore = disk.errors();
				load.runFor(Duration.ofMillis(500));
				assertThat(refused).as("writes refused at min-free").isTrue();
				assertThat(reason).contains("cachet.disk.min-free");
				assertThat(disk.errors()).as("refused writes count as failed").isGreaterThan(errorsBefore);
				if (!faults.simulated()) {
					assertThat(usableWhenRefused).as("the file system kept its free space")
						.isGreaterThanOrEqualTo(minFree - 64 * 1024);
				}

				context.getBean(TieredCacheManager.class).getCache("samples").clear();
				// puts count only writes that landed; the load may fill the folder up to min-free again
				// soon after, so the health seen at the end is not the proof
				boolean resumed = load.runUntil(() -> disk.puts() > putsWhenRefused + 50, Duration.ofSeconds(20));
				load.close();
				System.out.printf("min-free (%s): refused at %d puts (%s); resumed: %s, %d puts%n", faults.method(),
						putsWhenRefused, reason, resumed, disk.puts());
				assertThat(resumed).as("writes resumed by themselves once space freed up").isTrue();
				assertThat(load.exceptions()).isEmpty();
				assertThat(load.wrongResults()).isZero();
			}
		});
		if (!faults.simulated()) {
			faults.unmount(mountPoint);
		}
	}

	private static List<Path> temporaryFiles(Path folder) throws IOException {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

	/** Flips bytes in, truncates and deletes entry files and whole shard folders, until stopped. */
	private static final class FileVandal implements Runnable {

		private final Path folder;

		private final SplittableRandom random = new SplittableRandom(20261122);

		final LongAdder flipped = new LongAdder();

		final LongAdder truncated = new LongAdder();

		final LongAdder deleted = new LongAdder();

		final LongAdder foldersDeleted = new LongAdder();

		private volatile boolean running = true;

		FileVandal(Path folder) {
			this.folder = folder;
		}

		void stop() {
			this.running = false;
		}

		@Override
		public void run() {
			while (this.running) {
				try {
					List<Path> entries = entryFiles();
					if (!entries.isEmpty()) {
						damage(entries.get(this.random.nextInt(entries.size())));
					}
					Thread.sleep(2);
				}
				catch (NoSuchFileException ex) {
					// the tier deleted or replaced it first
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		private void damage(Path file) throws IOException {
			int action = this.random.nextInt(100);
			if (action < 45) {
				try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
					long position = this.random.nextLong(Math.max(1, out.length()));
					out.seek(position);
					int old = out.read();
					out.seek(position);
					out.write(old ^ (1 << this.random.nextInt(8)));
				}
				this.flipped.increment();
			}
			else if (action < 75) {
				try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
					channel.truncate(this.random.nextLong(Math.max(1, channel.size())));
				}
				this.truncated.increment();
			}
			else if (action < 98) {
				Files.deleteIfExists(file);
				this.deleted.increment();
			}
			else {
				try (Stream<Path> shard = Files.walk(file.getParent())) {
					shard.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
				}
				this.foldersDeleted.increment();
			}
		}

		private List<Path> entryFiles() throws IOException {
			try (Stream<Path> files = Files.walk(this.folder)) {
				return files.filter((file) -> file.getFileName().toString().endsWith(".entry")).toList();
			}
			catch (java.io.UncheckedIOException ex) {
				return List.of(); // a folder vanished during the walk
			}
		}

	}

}
