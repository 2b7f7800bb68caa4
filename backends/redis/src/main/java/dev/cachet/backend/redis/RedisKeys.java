package dev.cachet.backend.redis;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cachet.core.tier.CacheNameHash;


/**
 * Names of Cachet's Redis keys and channels. An entry lives at
 * {@code prefix + hash(cache name) + ":" + key id}: no user text reaches Redis, and a cache's
 * entries share one SCAN pattern. Leases live under {@code prefix + "lease:"} and the invalidation
 * history at {@code prefix + "invalidation-history"}, which no entry pattern matches because a
 * cache hash is 16 hex digits.
 */
final class RedisKeys {

	private final String prefix;

	private final String escapedPrefix;

	/** Applications have few caches; hashing each name once keeps key building cheap. */
	private final Map<String, String> cacheHashes = new ConcurrentHashMap<>();

	RedisKeys(String prefix) {
		this.prefix = prefix;
		this.escapedPrefix = escapeGlob(prefix);
	}

	byte[] entry(String cache, String key) {
		return bytes(this.prefix + cacheHash(cache) + ":" + key);
	}

	/** SCAN MATCH pattern of every entry of a cache. */
	String entryPattern(String cache) {
		return this.escapedPrefix + cacheHash(cache) + ":*";
	}

	byte[] lease(String cache, String key) {
		return bytes(this.prefix + "lease:" + cacheHash(cache) + ":" + key);
	}

	byte[] leaseReleasedChannel() {
		return bytes(this.prefix + "lease-released");
	}

	byte[] invalidationChannel() {
		return bytes(this.prefix + "invalidation");
	}

	/** The stream of recent evictions and clears: one key, so one hash slot on a cluster. */
	byte[] invalidationHistory() {
		return bytes(this.prefix + "invalidation-history");
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private String cacheHash(String cache) {
		return this.cacheHashes.computeIfAbsent(cache, CacheNameHash::of);
	}

	/** A prefix may hold glob characters; SCAN MATCH must take them literally. */
	private static String escapeGlob(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

}
