package dev.cachet.backend.disk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cachet.core.envelope.Envelope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM writing 1,000 entries is killed with SIGKILL part-way; a fresh tier on the same folder must
 * read back only whole entries, every write acknowledged before the kill, and no temporary file.
 */
class DiskTierSigkillTests {

	private static final int ENTRIES = 1000;

	private static final int KILL_AFTER = 300;

	@TempDir
	Path directory;

	@Test
	void aWriterKilledMidWayLeavesOnlyWholeEntries() throws Exception {
		int lastAcknowledged = runWriterAndKillIt();
		assertThat(lastAcknowledged + 1).as("writes acknowledged before the kill").isBetween(KILL_AFTER, ENTRIES - 1);

		int tempFilesLeftByTheKill = tempFiles().size();
		DiskTier reopened = new DiskTier(new DiskTierSettings(this.directory, Long.MAX_VALUE, Duration.ofHours(1)));
		try {
			assertThat(tempFiles()).as("temporary files left after the restart scan").isEmpty();
			int survived = 0;
			for (int i = 0; i < ENTRIES; i++) {
				Envelope read = reopened.get(SigkillEntries.CACHE, SigkillEntries.key(i));
				if (read == null) {
					assertThat(i).as("entry %d, acknowledged before the kill, was lost", i).isGreaterThan(lastAcknowledged);
					continue;
				}
				assertThat(read.bytes()).as("entry %d", i).isEqualTo(SigkillEntries.envelope(i).bytes());
				assertThat(i).as("entries survive as a prefix: the writer is sequential").isEqualTo(survived);
				survived++;
			}
			assertThat(reopened.corruptEntriesDeleted()).isZero();
			assertThat(survived).isGreaterThan(lastAcknowledged).isLessThan(ENTRIES);
			// Read by the report: how far the child got past its last acknowledged write.
			System.out.printf("SIGKILL: %d writes acknowledged, %d of %d entries survived whole, %d temporary files "
					+ "left by the kill and deleted at restart%n", lastAcknowledged + 1, survived, ENTRIES,
					tempFilesLeftByTheKill);
		}
		finally {
			reopened.close();
		}
	}

	/**
	 * Starts the writer with this test's class path and kills it with SIGKILL once it has acknowledged
	 * {@link #KILL_AFTER} writes. It keeps writing until the signal lands, so more entries may exist.
	 * @return the number of the last write it acknowledged
	 */
	private int runWriterAndKillIt() throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				KilledWriterMain.class.getName(), this.directory.toString(), String.valueOf(ENTRIES))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		int last = -1;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while (last + 1 < KILL_AFTER && (line = out.readLine()) != null) {
				if (line.startsWith("wrote ")) {
					last = Integer.parseInt(line.substring("wrote ".length()));
				}
			}
			child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block runs
		}
		finally {
			child.destroyForcibly();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(child.exitValue()).as("killed by SIGKILL, not finished").isEqualTo(128 + 9);
		return last;
	}

	private List<Path> tempFiles() throws IOException {
		try (Stream<Path> files = Files.walk(this.directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

}
