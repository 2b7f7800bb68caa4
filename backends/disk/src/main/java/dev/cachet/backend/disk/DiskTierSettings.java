package dev.cachet.backend.disk;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of a {@link DiskTier}.
 *
 * @param directory     the folder holding the entries ({@code cachet.disk.path}); created if missing
 * @param maxSizeBytes  total size of the entries above which the least recently used are evicted
 *                      ({@code cachet.disk.max-size}); {@link Long#MAX_VALUE} for no limit
 * @param sweepInterval how often expired entries are deleted in the background
 * @param minFreeBytes  free space the file system keeps: writes that would leave less are refused
 *                      until space frees up ({@code cachet.disk.min-free}); 0 for none
 */
public record DiskTierSettings(Path directory, long maxSizeBytes, Duration sweepInterval, long minFreeBytes) {

	/** Settings that write until the file system is full. */
	public DiskTierSettings(Path directory, long maxSizeBytes, Duration sweepInterval) {
		this(directory, maxSizeBytes, sweepInterval, 0);
	}

	public DiskTierSettings {
		if (directory == null) {
			throw new IllegalArgumentException("Disk tier directory must not be null");
		}
		if (maxSizeBytes <= 0) {
			throw new IllegalArgumentException("Disk tier max size must be positive, got " + maxSizeBytes);
		}
		if (sweepInterval == null || sweepInterval.isNegative() || sweepInterval.isZero()) {
			throw new IllegalArgumentException("Disk tier sweep interval must be positive, got " + sweepInterval);
		}
		if (minFreeBytes < 0) {
			throw new IllegalArgumentException("Disk tier min free space must not be negative, got " + minFreeBytes);
		}
	}

}
