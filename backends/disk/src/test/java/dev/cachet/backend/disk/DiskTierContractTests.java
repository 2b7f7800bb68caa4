package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;

import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.CacheTierContract;
import dev.cachet.core.tier.TierInspection;
import dev.cachet.core.tier.TierStreaming;

/** The disk tier under the tier contract. */
class DiskTierContractTests extends CacheTierContract {

	@TempDir
	Path root;

	@Override
	protected CacheTier createTier(Clock clock) {
		return new DiskTier(new DiskTierSettings(this.root, Long.MAX_VALUE, Duration.ofHours(1)), clock);
	}

	@Override
	protected boolean corrupt(String cache, String key) throws IOException {
		String stem = EntryNames.stem(key);
		Path shard = this.root.resolve(EntryNames.cacheFolder(cache)).resolve(EntryNames.shard(stem));
		try (Stream<Path> files = Files.list(shard)) {
			Path file = files.filter((f) -> f.getFileName().toString().startsWith(stem + ".")).findFirst().orElseThrow();
			byte[] bytes = Files.readAllBytes(file);
			bytes[bytes.length / 2] ^= 1;
			Files.write(file, bytes);
		}
		return true;
	}

	@Override
	protected Collection<String> storageNames() throws IOException {
		try (Stream<Path> all = Files.walk(this.root)) {
			List<Path> files = all.filter(Files::isRegularFile)
				.filter((file) -> !FolderJournal.isJournalFile(file.getFileName().toString()))
				.toList();
			return files.stream().map((file) -> this.root.relativize(file).toString().replace('\\', '/')).toList();
		}
	}

	/** {@code {cache name hash}/{shard}/{stem}.{expiry}.{size}.entry}, see {@link EntryNames}. */
	@Override
	protected String storageNameScheme() {
		return "[0-9a-f]{32}/[a-z0-9_-]{2}/([a-z0-9_-]{5,128}|~[0-9a-f]{32})\\.[0-9]{1,19}\\.[0-9]{1,10}\\.entry";
	}

	@Override
	protected boolean expiresOnClock() {
		return true;
	}

	@Override
	protected Set<Class<?>> capabilities() {
		return Set.of(TierStreaming.class, TierInspection.class);
	}

}
