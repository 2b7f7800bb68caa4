package dev.cachet.sample.soak;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Damages a share of the disk tier's entry files as a failing disk would: a flipped byte, a truncated
 * file, or random bytes over the whole file. Files the tier deletes or replaces meanwhile are skipped.
 */
final class DiskCorrupter {

	private final Path folder;

	private final SplittableRandom random = new SplittableRandom(20261122);

	private long damaged;

	DiskCorrupter(Path folder) {
		this.folder = folder;
	}

	/** Damages about {@code share} of the entry files now present; returns how many. */
	int damage(double share) {
		List<Path> entries;
		try (Stream<Path> files = Files.walk(this.folder)) {
			entries = files.filter((file) -> file.getFileName().toString().endsWith(".entry")).toList();
		}
		catch (IOException | RuntimeException ex) {
			return 0; // a folder removed during the walk: try again next time
		}
		int count = 0;
		for (Path entry : entries) {
			if (this.random.nextDouble() < share && damage(entry)) {
				count++;
			}
		}
		this.damaged += count;
		return count;
	}

	long damaged() {
		return this.damaged;
	}

	private boolean damage(Path entry) {
		try (RandomAccessFile file = new RandomAccessFile(entry.toFile(), "rw")) {
			long length = file.length();
			if (length == 0) {
				return false;
			}
			switch (this.random.nextInt(3)) {
				case 0 -> {
					long at = this.random.nextLong(length);
					file.seek(at);
					int original = file.read();
					file.seek(at);
					file.write(original ^ (1 << this.random.nextInt(8)));
				}
				case 1 -> file.setLength(this.random.nextLong(length));
				default -> {
					byte[] noise = new byte[(int) Math.min(length, 1 << 20)];
					this.random.nextBytes(noise);
					file.seek(0);
					file.write(noise);
				}
			}
			return true;
		}
		catch (IOException ex) {
			return false; // evicted or replaced meanwhile
		}
	}

}
