package dev.cachet.autoconfigure.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cache.support.NullValue;
import org.springframework.data.redis.connection.RedisConnection;

import dev.cachet.autoconfigure.reliability.EnvelopeMutator.Kind;
import dev.cachet.autoconfigure.reliability.values.Sample;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.codec.ClassAllowlist;
import dev.cachet.core.envelope.CorruptEnvelopeException;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.key.CachetKey;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over 10,000 damaged and forged envelopes, planted in the memory, disk and Redis tiers, read through
 * {@link TieredCache#get(Object, java.util.concurrent.Callable)}: nothing reaches the caller but a value.
 * Damaged bytes and forged headers give the original value or a miss (the call computes); forged payloads
 * give at worst another value of an allowed class, since a checksum is no signature.
 */
@ExtendWith(RedisServerExtension.class)
class UntrustedBytesFuzzTests {

	private static final int CASES = 10_200;

	private static final String CACHE = "fuzz";

	private static final String[] TIERS = { "memory", "disk", "redis" };

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
				Envelope valid = planting.serializer.serialize(original, new EntryMetadata(Instant.now(),
						Duration.ofHours(1), Duration.ofMillis(i), "fuzz#value(int)", "fingerprint-" + i));
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

		Map<Kind, int[]> outcomes = new EnumMap<>(Kind.class); // original, miss, other value
		int enteredMemory = 0;
		List<String> violations = new ArrayList<>();
		ClassAllowlist allowlist = ClassAllowlist.of(List.of(HandWiredTiers.VALUES_PACKAGE));
		try (HandWiredTiers tiers = new HandWiredTiers(server, this.disk, 64 * 1024 * 1024);
				RedisConnection redis = tiers.connectionFactory.getConnection()) {
			String redisKeyPrefix = redisKeyPrefix(tiers, redis);
			TieredCache cache = tiers.manager.getCache(CACHE);
			for (int i = 0; i < CASES; i++) {
				byte[] mutant = mutants.get(i);
				switch (tier(i)) {
					case "memory" -> enteredMemory += plantInMemory(tiers, i, mutant) ? 1 : 0;
					case "redis" -> redis.stringCommands().set(bytes(redisKeyPrefix + key(i)), mutant);
					default -> {
						// planted on disk above
					}
				}
				String computed = "computed-" + i;
				Object result;
				try {
					result = cache.get(CachetKey.of(key(i), null), () -> computed);
				}
				catch (Throwable ex) {
					violations.add("case " + i + " (" + kinds.get(i) + " in " + tier(i) + ") threw " + ex);
					continue;
				}
				int[] counts = outcomes.computeIfAbsent(kinds.get(i), (kind) -> new int[3]);
				if (originals.get(i).equals(result)) {
					counts[0]++;
				}
				else if (computed.equals(result)) {
					counts[1]++;
				}
				else {
					counts[2]++;
					String type = (result != null) ? result.getClass().getName() : "null";
					if (kinds.get(i).originalOrMiss) {
						violations.add("case " + i + " (" + kinds.get(i) + " in " + tier(i) + ") returned another " + type);
					}
					else if (result != null && result != NullValue.INSTANCE && !allowlist.isAllowed(type)) {
						violations.add("case " + i + " (" + kinds.get(i) + ") returned a " + type + " outside the allowlist");
					}
				}
			}
			System.out.printf("fuzz: %d cases, %d forged envelopes entered the memory tier, %d corrupt disk files "
					+ "deleted; outcomes [original, miss, other value] by kind:%n", CASES, enteredMemory,
					tiers.disk.corruptEntriesDeleted());
			outcomes.forEach((kind, counts) -> System.out.printf("  %-20s %5d %5d %5d%n", kind, counts[0], counts[1],
					counts[2]));
			assertThat(violations).isEmpty();
			assertThat(outcomes.values().stream().mapToInt((counts) -> counts[1]).sum())
				.as("most mutants are misses, or the mutations did not reach the readers")
				.isGreaterThan(CASES / 2);
			assertThat(tiers.disk.corruptEntriesDeleted()).isPositive();
			assertThat(enteredMemory).isPositive();
		}
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
	private static boolean plantInMemory(HandWiredTiers tiers, int i, byte[] mutant) {
		try {
			tiers.memory.put(CACHE, key(i), Envelope.parse(mutant), Duration.ofHours(1));
			return true;
		}
		catch (CorruptEnvelopeException ex) {
			return false;
		}
	}

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
						new EntryMetadata(Instant.now(), Duration.ofHours(1), Duration.ZERO, "probe", ""), new byte[0],
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
