package dev.cachet.autoconfigure.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.RedisConnection;

import dev.cachet.autoconfigure.reliability.EnvelopeMutator.Kind;
import dev.cachet.autoconfigure.reliability.values.Sample;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.codec.CodecException;
import dev.cachet.core.envelope.CorruptEnvelopeException;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.EnvelopeSigner;
import dev.cachet.core.envelope.Producer;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.tier.CacheNameHash;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over 10,000 damaged and forged envelopes planted in the memory, disk and Redis tiers, and 2,000 more planted
 * as S3 objects (unsigned, then signed), read through
 * {@link TieredCache#get(Object, java.util.concurrent.Callable)}: nothing reaches the caller but a value.
 * Damaged bytes and forged headers give the original value or a miss (the call computes); forged payloads
 * give at worst another value of an allowed class, since a checksum is no signature. With a signing key,
 * forged payloads are misses too.
 *
 * <p>The originals are programmatic puts at their own address, as application code using the cache writes
 * them, so an intact one is a hit for the reader (application code) and a mutant reaches every check: the
 * checksum, the address, the producer, the freshness, the signature and the decoder.
 */
@ExtendWith({ RedisServerExtension.class, S3ServerExtension.class })
class UntrustedBytesFuzzTests {

	private static final int CASES = 10_200;

	private static final String CACHE = "fuzz";

	/** Tiers that take bytes: the memory tier holds this JVM's objects, which no one outside can write. */
	private static final String[] TIERS = { "disk", "redis" };

	private static final int S3_CASES = 2_000;

	/** Its own cache: the Redis server, shared by the tests of this class, holds entries of {@link #CACHE}. */
	private static final String S3_CACHE = "fuzz-s3";

	private static final byte[] S3_SIGNING_KEY = "fuzz-signing-key-0123456789".getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path disk;

	@Test
	void damagedOrForgedEntriesInEveryTierAreMissesOrTheOriginal(RedisServer server) throws Exception {
		EnvelopeMutator mutator = new EnvelopeMutator(20261122);
		List<Object> originals = new ArrayList<>();
		List<Kind> kinds = new ArrayList<>();
		List<byte[]> mutants = new ArrayList<>();
		// Disk entries are planted while no tier is open on the folder, then indexed by a fresh tier.
		try (HandWiredTiers planting = new HandWiredTiers(server, this.disk, 1024)) {
			for (int i = 0; i < CASES; i++) {
				Object original = original(i);
				Envelope valid = envelope(planting, CACHE, key(i), original, i, EnvelopeSigner.none());
				Kind kind = mutator.nextKind(i);
				originals.add(original);
				kinds.add(kind);
				mutants.add(mutator.mutate(valid, kind));
				if (tier(i).equals("disk")) {
					planting.disk.put(CACHE, key(i), valid, Duration.ofHours(1));
				}
			}
		}
		for (int i = 0; i < CASES; i++) {
			if (tier(i).equals("disk")) {
				replaceEntryFile(key(i), mutants.get(i));
			}
		}

		FuzzVerdicts verdicts = new FuzzVerdicts();
		try (HandWiredTiers tiers = new HandWiredTiers(server, this.disk, 64 * 1024 * 1024);
				RedisConnection redis = tiers.connectionFactory.getConnection()) {
			String redisKeyPrefix = redisKeyPrefix(tiers, redis);
			TieredCache cache = tiers.manager.getCache(CACHE);
			for (int i = 0; i < CASES; i++) {
				byte[] mutant = mutants.get(i);
				switch (tier(i)) {
					case "redis" -> redis.stringCommands().set(bytes(redisKeyPrefix + key(i)), mutant);
					default -> {
						// planted on disk above
					}
				}
				verdicts.read(cache, key(i), i, tier(i), kinds.get(i), originals.get(i));
			}
			System.out.printf("fuzz: %d cases, %d corrupt disk files deleted%n", CASES,
					tiers.disk.corruptEntriesDeleted());
			verdicts.print();
			assertThat(verdicts.violations()).isEmpty();
			assertThat(verdicts.misses()).as("most mutants are misses, or the mutations did not reach the readers")
				.isGreaterThan(CASES / 2);
			assertThat(tiers.disk.corruptEntriesDeleted()).isPositive();
		}
	}

	/**
	 * Damaged and forged envelopes planted as S3 objects, as anyone with write access to the bucket could,
	 * read through the tiered cache in front of which memory, disk and Redis miss.
	 */
	@ParameterizedTest(name = "signed: {0}")
	@ValueSource(booleans = { false, true })
	void damagedOrForgedObjectsInS3AreMissesOrTheOriginal(boolean signed, RedisServer server, S3Server s3)
			throws Exception {
		EnvelopeMutator mutator = new EnvelopeMutator(20261123);
		// with a key, a forged payload can no longer pass for another value: every kind is original or miss
		FuzzVerdicts verdicts = new FuzzVerdicts(signed);
		EnvelopeSigner signer = signed ? EnvelopeSigner.of(List.of(S3_SIGNING_KEY)) : EnvelopeSigner.none();
		String cacheName = S3_CACHE + (signed ? "-signed" : "");
		try (HandWiredTiers tiers = new HandWiredTiers(server, s3, this.disk, 64 * 1024 * 1024, signer);
				S3Client client = s3.newClient()) {
			TieredCache cache = tiers.manager.getCache(cacheName);
			String cachePrefix = HandWiredTiers.S3_SETTINGS.prefix() + CacheNameHash.of(cacheName) + "/";
			Envelope control = envelope(tiers, cacheName, "control", "control", -1, signer);
			plantInS3(client, cachePrefix + "control", control.bytes());
			assertThat(cache.get(CachetKey.of("control"), () -> "computed"))
				.as("an intact object planted this way is a hit: the mutants reach the S3 reader")
				.isEqualTo("control");
			long s3Errors = tiers.manager.tiers().get("s3").statistics().errors();
			for (int i = 0; i < S3_CASES; i++) {
				Object original = original(i);
				Kind kind = mutator.nextKind(i);
				plantInS3(client, cachePrefix + key(i),
						mutator.mutate(envelope(tiers, cacheName, key(i), original, i, signer), kind));
				verdicts.read(cache, key(i), i, "s3", kind, original);
			}
			long refused = tiers.manager.tiers().get("s3").statistics().errors() - s3Errors;
			System.out.printf("fuzz: %d S3 objects, %d refusals counted by the S3 tier%n", S3_CASES, refused);
			verdicts.print();
			assertThat(verdicts.violations()).isEmpty();
			assertThat(verdicts.misses()).as("most mutants are misses, or the mutations did not reach the reader")
				.isGreaterThan(S3_CASES / 2);
			assertThat(refused).isPositive();
		}
	}

	/** A programmatic put of {@code value} at {@code key} of {@code cache}. */
	private static Envelope envelope(HandWiredTiers tiers, String cache, String key, Object value, int i,
			EnvelopeSigner signer) throws CodecException {
		return tiers.serializer.serialize(value, new EntryMetadata(Instant.now(), Duration.ofHours(1),
				Duration.ofMillis(Math.max(i, 0)), Producer.PROGRAMMATIC, EntryMetadata.address(cache, key)), signer);
	}

	/** Writes an object directly, without Cachet's metadata: the tier reads such objects as unexpiring. */
	private static void plantInS3(S3Client client, String objectKey, byte[] bytes) {
		client.putObject((request) -> request.bucket(HandWiredTiers.BUCKET).key(objectKey),
				RequestBody.fromBytes(bytes));
	}

	private static Object original(int i) {
		return switch (i % 4) {
			case 0 -> Sample.of(i % 50); // compressed: larger than 1 KB
			case 1 -> "value-" + i;
			case 2 -> List.of(i, i + 1L, "x" + i);
			default -> Map.of("k" + i, List.of(i));
		};
	}

	private static String tier(int i) {
		return TIERS[i % TIERS.length];
	}

	private static String key(int i) {
		return String.format("fuzz-%05d", i);
	}

	/** The memory tier holds parsed envelopes only: bytes that do not parse never get in. */
	/**
	 * Overwrites an entry file and renames it to the mutant's length, so the restart scan indexes it and
	 * the read reaches the envelope check rather than stopping at the size in the name. Names follow
	 * {@code {stem}.{expiry}.{size}.entry}.
	 */
	private void replaceEntryFile(String key, byte[] mutant) throws IOException {
		Path file;
		try (Stream<Path> files = Files.walk(this.disk)) {
			file = files.filter((path) -> path.getFileName().toString().startsWith(key + ".")).findFirst().orElseThrow();
		}
		String[] parts = file.getFileName().toString().split("\\.");
		Files.write(file, mutant);
		Files.move(file, file.resolveSibling(parts[0] + "." + parts[1] + "." + mutant.length + ".entry"));
	}

	/** Learns the Redis key of an entry from a probe written through the tier: prefix, cache hash, key id. */
	private static String redisKeyPrefix(HandWiredTiers tiers, RedisConnection redis) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			try {
				tiers.redis.put(CACHE, "probe-key", Envelope.create("probe", false, true,
						new EntryMetadata(Instant.now(), Duration.ofHours(1), Duration.ZERO, new Producer(Producer.Kind.CACHEABLE, "probe", ""), ""), new byte[0],
						0, 0), Duration.ofHours(1));
				break;
			}
			catch (Exception ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				Thread.sleep(50);
			}
		}
		byte[] probe = redis.keyCommands().keys(bytes("*:probe-key")).iterator().next();
		String name = new String(probe, StandardCharsets.UTF_8);
		return name.substring(0, name.length() - "probe-key".length());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
