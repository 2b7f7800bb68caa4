package dev.cachet.backend.s3;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cachet.core.tier.CacheNameHash;


/**
 * Object keys of the S3 tier. An entry lives at {@code prefix + hash(cache name) + "/" + key id}:
 * no user text reaches S3, and a cache's entries share one listing prefix.
 */
final class S3Keys {

	private final String prefix;

	/** Applications have few caches; hashing each name once keeps key building cheap. */
	private final Map<String, String> cachePrefixes = new ConcurrentHashMap<>();

	S3Keys(String prefix) {
		this.prefix = prefix;
	}

	String entry(String cache, String key) {
		return cachePrefix(cache) + key;
	}

	/** The listing prefix of every entry of a cache. */
	String cachePrefix(String cache) {
		return this.cachePrefixes.computeIfAbsent(cache, (name) -> this.prefix + CacheNameHash.of(name) + "/");
	}

	/** The listing prefix of every entry of every cache. */
	String prefix() {
		return this.prefix;
	}

}
