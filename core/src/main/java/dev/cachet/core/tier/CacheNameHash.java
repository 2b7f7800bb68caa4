package dev.cachet.core.tier;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import com.dynatrace.hash4j.hashing.Hashing;

/**
 * How tiers name a cache in their storage: 16 lowercase hex characters of the XXH3-64 hash of the
 * cache name, so no user text reaches a path, a Redis key or an object key.
 */
public final class CacheNameHash {

	private CacheNameHash() {
	}

	/** The hash of a cache name. */
	public static String of(String cacheName) {
		return HexFormat.of().toHexDigits(Hashing.xxh3_64().hashBytesToLong(cacheName.getBytes(StandardCharsets.UTF_8)));
	}

}
