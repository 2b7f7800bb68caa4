package dev.cachet.backend.disk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.springframework.util.ReflectionUtils;

import dev.cachet.core.key.CacheAddresses;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cachet.core.cache.EntrySerializer;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.cache.TieredCacheManagerBuilder;
import dev.cachet.core.codec.ClassAllowlist;
import dev.cachet.core.codec.ForyValueCodec;
import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.method.Caller;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.memory.MemoryTier;

import static org.assertj.core.api.Assertions.assertThat;

/** Methods returning a {@link Path}: their files are cached by content and streamed to and from disk. */
class FileResultsTests {

	@TempDir
	Path temp;

	/** A method whose results are files. */
	public static class Exporter {

		public Path export(String name) {
			return Path.of(name);
		}

	}

	static final CachedMethods METHODS = new CachedMethods(
			new MethodFingerprinter(new FingerprintSettings(List.of(), true, "")));

	/** The exporting method as the cache interceptor binds it to the cache. */
	static final Caller EXPORTER = new Caller(
			METHODS.resolve(Exporter.class, ReflectionUtils.findMethod(Exporter.class, "export", String.class)),
			Caller.Role.CACHEABLE);

	static CachetKey key(String id) {
		return CachetKey.of(id);
	}

	static TieredCacheManager manager(Path root, MemoryTier memory) {
		TieredCacheManagerBuilder builder = TieredCacheManager
			.builder(new EntrySerializer(new ForyValueCodec(ClassAllowlist.jdkOnly())),
					new CachetKeyGenerator(METHODS, new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of())))
			.tier("disk", new DiskTier(new DiskTierSettings(root.resolve("disk"), Long.MAX_VALUE, Duration.ofHours(1))),
					null)
			.defaultTiers((memory != null) ? List.of("memory", "disk") : List.of("disk"))
			.fileDirectory(root.resolve("files"));
		if (memory != null) {
			builder.tier("memory", memory, null);
		}
		return builder.build();
	}

	static Path writeRandomFile(Path file, long size) throws IOException {
		byte[] block = new byte[1 << 20];
		new Random(size).nextBytes(block);
		try (OutputStream out = Files.newOutputStream(file)) {
			for (long written = 0; written < size; written += block.length) {
				block[0]++;
				out.write(block, 0, (int) Math.min(block.length, size - written));
			}
		}
		return file;
	}

	static long contentHash(Path file) throws IOException {
		HashStream64 hash = Hashing.xxh3_64().hashStream();
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				hash.putBytes(buffer, 0, read);
			}
		}
		return hash.getAsLong();
	}

	@Test
	void fileResultSurvivesARestartAsAVerifiedLocalCopy() throws Exception {
		Path source = writeRandomFile(temp.resolve("export.bin"), 3_000_000);
		AtomicInteger computations = new AtomicInteger();
		TieredCache first = manager(temp, null).getCache("exports").bind(EXPORTER);
		assertThat((Path) first.get(key("k1"), () -> {
			computations.incrementAndGet();
			return source;
		})).isEqualTo(source);

		TieredCache afterRestart = manager(temp, null).getCache("exports").bind(EXPORTER);
		Path hit = afterRestart.get(key("k1"), () -> {
			computations.incrementAndGet();
			return source;
		});
		assertThat(computations).hasValue(1);
		assertThat(hit).isNotEqualTo(source).startsWith(temp.resolve("files"));
		assertThat(contentHash(hit)).isEqualTo(contentHash(source));
		assertThat((Path) afterRestart.get(key("k1")).get()).as("later hits reuse the local copy").isEqualTo(hit);
	}

	@Test
	void corruptFileEntryIsAMissAndIsRecomputed() throws Exception {
		Path source = writeRandomFile(temp.resolve("export.bin"), 100_000);
		TieredCacheManager manager = manager(temp, null);
		manager.getCache("exports").bind(EXPORTER).put(key("k2"), source);
		try (Stream<Path> files = Files.walk(temp.resolve("disk"))) {
			Path entry = files.filter(path -> path.toString().endsWith(".entry")).findFirst().orElseThrow();
			byte[] bytes = Files.readAllBytes(entry);
			bytes[bytes.length / 2] ^= 0x10;
			Files.write(entry, bytes);
		}
		TieredCache fresh = manager(temp, null).getCache("exports").bind(EXPORTER);
		assertThat(fresh.get(key("k2"))).isNull();
		assertThat(Files.list(temp).filter(path -> path.startsWith(temp.resolve("files"))).count()).isLessThanOrEqualTo(1);
	}

	@Test
	void smallFilesAreAlsoPromotedToMemoryLargeOnesOnlyStream() throws Exception {
		MemoryTier memory = new MemoryTier(100_000_000);
		TieredCacheManager manager = manager(temp, memory);
		manager.getCache("exports").bind(EXPORTER).put(key("small"), writeRandomFile(temp.resolve("small.bin"), 10_000));
		manager.getCache("exports").bind(EXPORTER).put(key("large"), writeRandomFile(temp.resolve("large.bin"), 9_000_000));
		assertThat(memory.get("exports", "small")).isNotNull();
		assertThat(memory.get("exports", "large")).isNull();

		MemoryTier emptyMemory = new MemoryTier(100_000_000);
		TieredCache restarted = manager(temp, emptyMemory).getCache("exports").bind(EXPORTER);
		assertThat(restarted.get(key("small"))).isNotNull();
		assertThat(emptyMemory.get("exports", "small")).as("disk hit filled memory").isNotNull();
		Path fromMemory = (Path) restarted.get(key("small")).get();
		assertThat(contentHash(fromMemory)).isEqualTo(contentHash(temp.resolve("small.bin")));
	}

	@Test
	void evictRemovesTheLocalCopy() throws Exception {
		Path source = writeRandomFile(temp.resolve("export.bin"), 10_000);
		manager(temp, null).getCache("exports").bind(EXPORTER).put(key("k3"), source);
		TieredCache cache = manager(temp, null).getCache("exports").bind(EXPORTER);
		Path hit = (Path) cache.get(key("k3")).get();
		assertThat(hit).exists();
		cache.evict(key("k3"));
		assertThat(hit).doesNotExist();
		assertThat(cache.get(key("k3"))).isNull();
	}

}
