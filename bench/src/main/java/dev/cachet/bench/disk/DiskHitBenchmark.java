package dev.cachet.bench.disk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.ehcache.Cache;
import org.ehcache.PersistentCacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.ehcache.config.units.MemoryUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.cachet.backend.disk.DiskTier;
import dev.cachet.backend.disk.DiskTierSettings;
import dev.cachet.bench.support.BenchCaches;
import dev.cachet.bench.support.RandomBytes;
import dev.cachet.bench.support.TempFolders;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.codec.ForyValueCodec;
import dev.cachet.core.key.CachetKey;

/**
 * A disk hit of an incompressible value: Cachet's disk tier through the tiered cache (index
 * lookup, file read, envelope checksum, decode) against a raw {@code Files.readAllBytes} of the
 * same encoded bytes plus the same decode, and against Ehcache 3's persistent disk tier with a
 * one-entry heap tier. Every benchmark alternates between two keys, so Ehcache's heap tier never
 * holds the entry being read. All files sit in the OS page cache, as a hot disk cache does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DiskHitBenchmark {

	/** 1 KiB, 100 KiB, 10 MiB. */
	@Param({ "1024", "102400", "10485760" })
	public int size;

	private Path folder;

	private DiskTier tier;

	private TieredCache cache;

	private final CachetKey[] keys = new CachetKey[2];

	private final Path[] rawFiles = new Path[2];

	private ForyValueCodec codec;

	private PersistentCacheManager ehcacheManager;

	private Cache<Integer, byte[]> ehcache;

	private int next;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		folder = TempFolders.create("cachet-bench-disk");
		tier = new DiskTier(new DiskTierSettings(folder.resolve("cachet"), Long.MAX_VALUE, Duration.ofHours(1)));
		TieredCacheManager manager = BenchCaches.manager("disk", tier);
		cache = manager.getCache("disk-hit");
		codec = BenchCaches.codec();
		ehcacheManager = CacheManagerBuilder.newCacheManagerBuilder()
			.with(CacheManagerBuilder.persistence(folder.resolve("ehcache").toFile()))
			.withCache("disk-hit", CacheConfigurationBuilder.newCacheConfigurationBuilder(Integer.class, byte[].class,
					ResourcePoolsBuilder.newResourcePoolsBuilder().heap(1, EntryUnit.ENTRIES).disk(1, MemoryUnit.GB, true)))
			.build(true);
		ehcache = ehcacheManager.getCache("disk-hit", Integer.class, byte[].class);
		for (int i = 0; i < 2; i++) {
			byte[] value = RandomBytes.of(size, i);
			keys[i] = manager.keyGenerator().addresses().addressOf(i);
			cache.put(keys[i], value);
			rawFiles[i] = Files.write(folder.resolve("raw-" + i + ".bin"), codec.encode(value));
			ehcache.put(i, value);
			check(value, (byte[]) cache.get(keys[i]).get(), "cachet");
			check(value, raw(i), "raw");
			check(value, ehcache.get(i), "ehcache");
		}
	}

	private static void check(byte[] expected, byte[] actual, String side) {
		if (!Arrays.equals(expected, actual)) {
			throw new IllegalStateException(side + " did not return the stored value");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		ehcacheManager.close();
		tier.close();
		TempFolders.delete(folder);
	}

	@Benchmark
	public Object cachet() {
		return cache.get(keys[nextIndex()]).get();
	}

	@Benchmark
	public Object raw() throws Exception {
		return raw(nextIndex());
	}

	@Benchmark
	public Object ehcache() {
		return ehcache.get(nextIndex());
	}

	private byte[] raw(int index) throws Exception {
		byte[] bytes = Files.readAllBytes(rawFiles[index]);
		return (byte[]) codec.decode(bytes, 0, bytes.length);
	}

	private int nextIndex() {
		next ^= 1;
		return next;
	}

}
