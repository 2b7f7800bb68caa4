package dev.cachet.autoconfigure.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real file system faults, made with {@code mount}: a folder made read-only by a read-only bind mount
 * over itself (root ignores permission bits, not a read-only mount), and a full disk as a tiny tmpfs.
 * Needs root in a mount namespace that allows mounting, as on Cachet's build machines. Where that is
 * impossible the test fails, naming the system property {@value #SIMULATE_PROPERTY}: set to
 * {@code true}, the same faults are simulated by replacing the folder with a plain file, which fails
 * every write as well, though with a different error.
 */
final class FileSystemFaults implements AutoCloseable {

	static final String SIMULATE_PROPERTY = "cachet.test.simulate-fs-faults";

	private final boolean simulate = Boolean.getBoolean(SIMULATE_PROPERTY);

	private final Deque<Path> mounts = new ArrayDeque<>();

	/** Which kind of fault this run makes, for the test's report. */
	String method() {
		return this.simulate ? "simulated (folder replaced by a file)" : "real (mount)";
	}

	boolean simulated() {
		return this.simulate;
	}

	/**
	 * Mounts a tmpfs of {@code size} (such as {@code 2m}) on an existing empty folder. Simulated: nothing
	 * happens here, the test then calls {@link #fillUp(Path)}.
	 */
	void mountTinyFileSystem(Path folder, String size) {
		if (this.simulate) {
			return;
		}
		run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", folder.toString());
		this.mounts.push(folder);
	}

	/** Simulated only: makes writes below {@code folder} fail as a full disk would. Real: a no-op. */
	void fillUp(Path folder) throws IOException {
		if (this.simulate) {
			replaceWithFile(folder);
		}
	}

	/** Makes a folder and everything below it read-only, for root too. */
	void makeReadOnly(Path folder) throws IOException {
		if (this.simulate) {
			replaceWithFile(folder);
			return;
		}
		// One mount(8) call binds the folder onto itself read-only: a bind followed by a separate
		// remount is refused ("busy") whenever a write opened a file on the new mount in between,
		// which under load is nearly always.
		run("mount", "-o", "bind,ro", folder.toString(), folder.toString());
		this.mounts.push(folder);
	}

	/** Undoes {@link #makeReadOnly(Path)}. */
	void unmount(Path folder) throws IOException {
		if (this.simulate) {
			Files.delete(folder);
			Files.move(movedAside(folder), folder);
			return;
		}
		run("umount", folder.toString());
		this.mounts.remove(folder);
	}

	/** Removes every mount still in place, newest first. */
	@Override
	public void close() {
		while (!this.mounts.isEmpty()) {
			Path folder = this.mounts.pop();
			run("umount", "-l", folder.toString());
		}
	}

	private void replaceWithFile(Path folder) throws IOException {
		Files.move(folder, movedAside(folder));
		Files.writeString(folder, "not a folder");
	}

	private static Path movedAside(Path folder) {
		return folder.resolveSibling(folder.getFileName() + ".moved-aside");
	}

	private static void run(String... command) {
		List<String> line = new ArrayList<>(List.of(command));
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new AssertionError("Cannot make a real file system fault with '" + String.join(" ", line) + "': "
						+ output.strip() + ". This test needs root and permission to mount; run it with -D"
						+ SIMULATE_PROPERTY + "=true to simulate the fault instead.");
			}
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot run " + line + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
