package dev.cachet.autoconfigure.reliability;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.types.Expiration;

import dev.cachet.backend.disk.DiskTier;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.tier.ValueHolding;
import dev.cachet.core.tier.CacheNameHash;
import dev.cachet.testsupport.S3Server;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stores behind the tiers of a {@link SharedTiersApplication}, reached beside Cachet as a backup tool, an
 * operator or anyone with write access would: entry files on disk, strings in Redis (through the
 * application's own connection factory), objects in S3 (through a client of its own). The memory tier
 * holds parsed envelopes of this JVM only, so it is reached through its own get and put.
 */
final class TierStores implements AutoCloseable {

	static final List<String> TIERS = List.of("memory", "disk", "redis", "s3");

	/** The tiers that store bytes, which anyone with access to their store can write. */
	static final List<String> BYTE_TIERS = List.of("disk", "redis", "s3");

	private static final Duration TTL = Duration.ofHours(1);

	private final SharedTiersApplication app;

	private final S3Client s3;

	private final String redisPrefix;

	private final String s3Prefix;

	TierStores(SharedTiersApplication app, S3Server server) {
		this.app = app;
		this.s3 = server.newClient();
		this.redisPrefix = app.context().getEnvironment().getRequiredProperty("cachet.redis.key-prefix");
		this.s3Prefix = app.context().getEnvironment().getRequiredProperty("cachet.s3.prefix");
	}

	/** The value the memory tier holds for an entry, or {@code null}. */
	@Nullable Object held(String cache, String key) {
		ValueHolding.HeldValue held = this.app.tier("memory").values().orElseThrow().get(cache, CachetKey.of(key),
				System.currentTimeMillis());
		return (held != null) ? held.value() : null;
	}

	/**
	 * The bytes a tier's store holds for an entry, or {@code null}, once the application's queued
	 * writes have landed. The memory tier holds objects, not bytes: see {@link #held}.
	 */
	byte[] read(String tier, String cache, String key) throws Exception {
		settle();
		return switch (tier) {
			case "disk" -> {
				Path file = entryFile(cache, key);
				yield (file != null) ? Files.readAllBytes(file) : null;
			}
			case "redis" -> {
				try (RedisConnection redis = redis()) {
					yield redis.stringCommands().get(redisKey(cache, key));
				}
			}
			case "s3" -> {
				try {
					yield this.s3.getObjectAsBytes((request) -> request.bucket(SharedTiersApplication.BUCKET)
						.key(objectKey(cache, key))).asByteArray();
				}
				catch (NoSuchKeyException ex) {
					yield null;
				}
			}
			default -> throw new IllegalArgumentException(tier);
		};
	}

	/**
	 * Stores bytes as an entry. On disk, bytes as long as the entry file already there overwrite it in place;
	 * others go through the disk tier's stream put, which takes bytes as they come (the index must know the
	 * file).
	 */
	void write(String tier, String cache, String key, byte[] bytes) throws Exception {
		settle();
		switch (tier) {
			case "disk" -> {
				Path file = entryFile(cache, key);
				if (file != null && Files.size(file) == bytes.length) {
					Files.write(file, bytes);
				}
				else {
					((DiskTier) this.app.tier(tier)).putEnvelope(cache, key, new ByteArrayInputStream(bytes),
							bytes.length, TTL);
				}
			}
			case "redis" -> {
				try (RedisConnection redis = redis()) {
					redis.stringCommands().set(redisKey(cache, key), bytes, Expiration.from(TTL), SetOption.upsert());
				}
			}
			case "s3" -> this.s3.putObject((request) -> request.bucket(SharedTiersApplication.BUCKET)
				.key(objectKey(cache, key)), RequestBody.fromBytes(bytes));
			default -> throw new IllegalArgumentException(tier);
		}
	}

	/**
	 * Copies an entry's bytes to another key inside the store: a file copy over the target's entry file (which
	 * must exist with the same length, so the disk tier's index still matches it), Redis {@code COPY ...
	 * REPLACE}, S3 {@code CopyObject}.
	 */
	void copy(String tier, String cache, String from, String to) throws Exception {
		settle();
		switch (tier) {
			case "disk" -> {
				Path source = entryFile(cache, from);
				Path target = entryFile(cache, to);
				if (source == null || target == null || Files.size(source) != Files.size(target)) {
					throw new IllegalStateException("a disk copy needs both entry files, of one length: " + source
							+ ", " + target);
				}
				Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
			}
			case "redis" -> {
				try (RedisConnection redis = redis()) {
					Boolean copied = redis.keyCommands().copy(redisKey(cache, from), redisKey(cache, to), true);
					if (!Boolean.TRUE.equals(copied)) {
						throw new IllegalStateException("Redis COPY copied nothing");
					}
				}
			}
			case "s3" -> this.s3.copyObject((request) -> request.sourceBucket(SharedTiersApplication.BUCKET)
				.sourceKey(objectKey(cache, from))
				.destinationBucket(SharedTiersApplication.BUCKET)
				.destinationKey(objectKey(cache, to)));
			default -> throw new IllegalArgumentException(tier);
		}
	}

	/** Removes an entry from every tier but one, through the tiers. */
	void evictEverywhereBut(String tier, String cache, String key) throws Exception {
		settle();
		for (String other : TIERS) {
			if (!other.equals(tier)) {
				this.app.tier(other).evict(cache, key);
			}
		}
	}

	/** Waits for the application's queued writes, which would otherwise land over what a test plants. */
	private void settle() throws InterruptedException {
		assertThat(this.app.manager().awaitWrites(Duration.ofSeconds(20))).as("writes landed").isTrue();
	}

	/** The disk tier's file of an entry: {@code {root}/{cache folder}/{shard}/{key}.{expiry}.{size}.entry}. */
	private Path entryFile(String cache, String key) throws IOException {
		HashValue128 hash = Hashing.xxh3_128().hashBytesTo128Bits(cache.getBytes(StandardCharsets.UTF_8));
		Path shard = Path.of(this.app.tier("disk").location())
			.resolve(String.format("%016x%016x", hash.getMostSignificantBits(), hash.getLeastSignificantBits()))
			.resolve(key.substring(0, 2));
		if (!Files.isDirectory(shard)) {
			return null;
		}
		try (Stream<Path> files = Files.list(shard)) {
			return files.filter((file) -> file.getFileName().toString().startsWith(key + ".")
					&& file.getFileName().toString().endsWith(".entry"))
				.findFirst()
				.orElse(null);
		}
	}

	private RedisConnection redis() {
		return this.app.bean(RedisConnectionFactory.class).getConnection();
	}

	private byte[] redisKey(String cache, String key) {
		return (this.redisPrefix + CacheNameHash.of(cache) + ":" + key).getBytes(StandardCharsets.UTF_8);
	}

	private String objectKey(String cache, String key) {
		return this.s3Prefix + CacheNameHash.of(cache) + "/" + key;
	}

	@Override
	public void close() {
		this.s3.close();
	}

}