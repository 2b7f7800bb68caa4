package dev.cachet.backend.disk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.cachet.backend.disk.TestEnvelopes.envelope;
import static dev.cachet.backend.disk.TestEnvelopes.payload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two JVMs on one folder with a small max size, the second started while the first runs (so it
 * finds the first one's files at start-up): the folder stays within its bound, neither loses the
 * entries it keeps using, and an eviction or a replacement by one is what the other reads next.
 */
class DiskTierTwoProcessesTests {

	private static final int MAX_ENTRIES = 120;

	/** Writes in flight: each process's last write, and the other's not yet read from the journal. */
	private static final int SLACK_ENTRIES = 8;

	@TempDir
	Path folder;

	@Test
	void twoProcessesShareTheFolderSafely() throws Exception {
		long maxSize = MAX_ENTRIES * SharedFolderWorkload.entrySize();
		try (DiskTier tier = new DiskTier(new DiskTierSettings(this.folder, maxSize, Duration.ofHours(1)))) {
			SharedFolderWorkload parent = new SharedFolderWorkload(tier, "parent");
			parent.writeHotSet();
			tier.put(SharedFolderWorkload.CACHE, "shared-evicted", envelope("evicted value"), SharedFolderWorkload.TTL);
			tier.put(SharedFolderWorkload.CACHE, "shared-updated", envelope("first value"), SharedFolderWorkload.TTL);
			for (int i = 0; i < 40; i++) {
				parent.round();
			}
			AtomicLong largestFolder = new AtomicLong();
			Process child = startChild(maxSize);
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
					PrintWriter in = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8)) {
				assertThat(out.readLine()).isEqualTo("ready");
				assertThat(ask(in, out, "shared-updated")).isEqualTo("first value");
				assertThat(ask(in, out, "shared-evicted")).isEqualTo("evicted value");

				tier.evict(SharedFolderWorkload.CACHE, "shared-evicted");
				tier.put(SharedFolderWorkload.CACHE, "shared-updated", envelope("second value"), SharedFolderWorkload.TTL);
				assertThat(ask(in, out, "shared-evicted")).as("evicted in the other process").isEqualTo("null");
				assertThat(ask(in, out, "shared-updated")).as("replaced in the other process").isEqualTo("second value");

				long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
				while (System.nanoTime() < end) {
					parent.round();
					assertThat(tier.get(SharedFolderWorkload.CACHE, "shared-evicted")).isNull();
					assertThat(payload(tier.get(SharedFolderWorkload.CACHE, "shared-updated"))).isEqualTo("second value");
					largestFolder.accumulateAndGet(folderBytes(), Math::max);
					Thread.sleep(50);
				}
				in.println("stop");
				assertThat(out.readLine()).as("the child's reads of its hot set").isEqualTo("hot-misses 0");
			}
			finally {
				if (!child.waitFor(30, TimeUnit.SECONDS)) {
					child.destroyForcibly();
				}
			}
			System.out.printf("Two processes on one folder: largest folder %d B for a max size of %d B (%.2fx)%n",
					largestFolder.get(), maxSize, (double) largestFolder.get() / maxSize);
			assertThat(parent.hotMisses()).as("the parent's reads of its hot set").isZero();
			assertThat(tier.sizeEvictions()).as("the bound was reached and enforced").isPositive();
			assertThat(largestFolder.get()).isLessThanOrEqualTo(maxSize + SLACK_ENTRIES * SharedFolderWorkload.entrySize());
			tier.followJournal();
			parent.round(); // a write evicts down to the bound, now that all the child did is known
			assertThat(folderBytes()).isLessThanOrEqualTo(maxSize);
			for (int i = 0; i < SharedFolderWorkload.HOT; i++) {
				assertThat(tier.get(SharedFolderWorkload.CACHE, "child-hot-" + i)).isNotNull();
				assertThat(tier.get(SharedFolderWorkload.CACHE, "parent-hot-" + i)).isNotNull();
			}
			assertThat(tier.get(SharedFolderWorkload.CACHE, "shared-evicted")).isNull();
			assertThat(payload(tier.get(SharedFolderWorkload.CACHE, "shared-updated"))).isEqualTo("second value");
		}
	}

	private Process startChild(long maxSize) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
				SharedFolderProcessMain.class.getName(), this.folder.toString(), Long.toString(maxSize))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
	}

	private static String ask(PrintWriter in, BufferedReader out, String key) throws IOException {
		in.println("read " + key);
		String answer = out.readLine();
		assertThat(answer).startsWith("value " + key + " ");
		return answer.substring(("value " + key + " ").length());
	}

	/** The entry files' total size, walking while both processes write and delete. */
	private long folderBytes() throws IOException {
		AtomicLong total = new AtomicLong();
		Files.walkFileTree(this.folder, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				if (EntryNames.parseEntryFile(file.getFileName().toString()) != null) {
					total.addAndGet(attributes.size());
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) {
				return FileVisitResult.CONTINUE; // deleted while walking
			}

		});
		return total.get();
	}

}
