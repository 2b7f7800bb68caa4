package dev.cachet.bench.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.cachet.core.cache.EntrySerializer;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.cache.TieredCacheManagerBuilder;
import dev.cachet.core.codec.ClassAllowlist;
import dev.cachet.core.codec.ForyValueCodec;
import dev.cachet.core.envelope.EnvelopeSigner;
import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.key.CacheAddresses;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.tier.CacheTier;

/**
 * Cachet caches over a single tier, configured as the auto-configuration does by default: the
 * default codec with the benchmark packages allowed, zstd above 64 KiB, 12 h max-age.
 */
public final class BenchCaches {

	/** Payloads longer than this are compressed, as {@code cachet.codec.compression-threshold} by default. */
	private static final long COMPRESSION_THRESHOLD = 64 * 1024;

	private BenchCaches() {
	}

	/** The codec the caches use, for the raw baselines that must decode the same bytes the same way. */
	public static ForyValueCodec codec() {
		return new ForyValueCodec(ClassAllowlist.of(List.of("dev.cachet.bench", "dev.cachet.sample")));
	}

	/** A key generator for explicit keys. */
	public static CachetKeyGenerator keyGenerator() {
		return new CachetKeyGenerator(
				new CachedMethods(new MethodFingerprinter(new FingerprintSettings(List.of("dev.cachet.bench"), true, ""))),
				new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of()));
	}

	/** A manager whose caches use only {@code tier}, registered under {@code tierName}. */
	public static TieredCacheManager manager(String tierName, CacheTier tier) {
		return builder(tierName, tier).build();
	}

	/** The same, signing and verifying entries as {@code cachet.security.keys} does. */
	public static TieredCacheManager signedManager(String tierName, CacheTier tier) {
		return builder(tierName, tier)
			.signer(EnvelopeSigner.of(List.of("a bench key of more than sixteen bytes".getBytes(StandardCharsets.UTF_8))),
					true)
			.build();
	}

	private static TieredCacheManagerBuilder builder(String tierName, CacheTier tier) {
		return TieredCacheManager.builder(new EntrySerializer(codec(), COMPRESSION_THRESHOLD), keyGenerator())
			.tier(tierName, tier, Duration.ofDays(1))
			.defaultTiers(List.of(tierName));
	}

}
