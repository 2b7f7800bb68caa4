package dev.cachet.backend.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.util.ReflectionUtils;

import dev.cachet.core.key.CacheAddresses;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hashing;

import dev.cachet.core.cache.EntrySerializer;
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
import dev.cachet.core.tier.CacheTier;

/** Tiered caches of a method returning files, with files and hashes to feed them, for tests. */
final class FileResultCaches {

	private static final CachedMethods METHODS = new CachedMethods(
			new MethodFingerprinter(new FingerprintSettings(List.of(), true, "")));

	private FileResultCaches() {
	}

	/** A method whose results are files. */
	public static class Exporter {

		public Path export(String name) {
			return Path.of(name);
		}

	}

	/** The exporting method as the cache interceptor binds it to the cache. */
	static final Caller EXPORTER = new Caller(
			METHODS.resolve(Exporter.class, ReflectionUtils.findMethod(Exporter.class, "export", String.class)),
			Caller.Role.CACHEABLE);

	static CachetKey key(String id) {
		return CachetKey.of(id);
	}

	/** A manager whose caches use the named tiers in this order, copying hits to {@code files}. */
	@SafeVarargs
	static TieredCacheManager manager(Path files, Map.Entry<String, CacheTier>... tiers) {
		TieredCacheManagerBuilder builder = TieredCacheManager
			.builder(new EntrySerializer(new ForyValueCodec(ClassAllowlist.jdkOnly())),
					new CachetKeyGenerator(METHODS, new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of())))
			.defaultTiers(Arrays.stream(tiers).map(Map.Entry::getKey).toList())
			.fileDirectory(files);
		for (Map.Entry<String, CacheTier> tier : tiers) {
			builder.tier(tier.getKey(), tier.getValue(), null);
		}
		return builder.build();
	}

	/** Writes {@code size} pseudo-random bytes, a fresh 1 MiB block at a time. */
	static Path writeRandomFile(Path file, long size) throws IOException {
		byte[] block = new byte[1 << 20];
		Random random = new Random(size);
		try (OutputStream out = Files.newOutputStream(file)) {
			for (long written = 0; written < size; written += block.length) {
				random.nextBytes(block);
				out.write(block, 0, (int) Math.min(block.length, size - written));
			}
		}
		return file;
	}

	/** XXH3 of a file's content, read in 64 KiB blocks. */
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

}
