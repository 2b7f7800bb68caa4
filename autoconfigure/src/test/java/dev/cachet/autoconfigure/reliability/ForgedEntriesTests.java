package dev.cachet.autoconfigure.reliability;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.dynatrace.hash4j.hashing.Hashing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.cache.Cache;

import dev.cachet.autoconfigure.reliability.values.Sample;
import dev.cachet.core.cache.EntrySerializer;
import dev.cachet.core.cache.MissReason;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.codec.ValueCodec;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.EnvelopeSigner;
import dev.cachet.core.envelope.Producer;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;

import static dev.cachet.autoconfigure.reliability.LedgerService.CACHE;
import static dev.cachet.autoconfigure.reliability.LedgerService.entryOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Entries that are never wrong (issue 11), against real tiers through the clients users have: the memory
 * tier, the disk tier on a temporary folder, Redis (test-support's redis-server) and S3 (test-support's
 * in-process S3), all four in one auto-configured application ({@link SharedTiersApplication}), read through
 * the {@code @Cacheable} methods of {@link LedgerService} and through the cache API as application code. An
 * entry is planted in one tier's own store, beside Cachet ({@link TierStores}), while the other tiers hold
 * nothing at its address:
 * <ul>
 * <li>an entry copied from another address is a miss and is deleted ({@link MissReason#MISPLACED});</li>
 * <li>with {@code cachet.security.keys}, an entry without a valid signature, or with a single byte changed
 * anywhere, is a miss and is deleted ({@link MissReason#BAD_SIGNATURE}, or whichever check catches it
 * first); entries signed with any configured key are served, those of a removed key are not;</li>
 * <li>an entry holding another type than the reading method returns is a miss
 * ({@link MissReason#WRONG_TYPE}) that the fresh result replaces;</li>
 * <li>an entry of format version 1 is a miss, never an error.</li>
 * </ul>
 * No miss is an exception for the caller: the method computes and returns its own value. Each case runs in
 * an application without keys and, where it applies, in one with two keys and
 * {@code cachet.security.verify-disk=true}.
 *
 * <p>Signatures are checked on entries that come from outside this JVM: Redis, S3 and, with verify-disk,
 * the disk folder. The memory tier holds the live envelopes this JVM wrote or already verified and is never
 * signature-checked, so the signature cases leave it out (as they do format version 1: the memory tier
 * starts empty and takes parsed envelopes of the current format only). It takes part in every other case.
 */
@ExtendWith({ RedisServerExtension.class, S3ServerExtension.class })
class ForgedEntriesTests {

	private static final String KEY_1 = "ledger-signing-key-one-0123456789";

	private static final String KEY_2 = "ledger-signing-key-two-0123456789";

	/** The key entries were signed with before a rotation removed it from {@code cachet.security.keys}. */
	private static final String REMOVED_KEY = "ledger-signing-key-old-0123456789";

	private static final String FOREIGN_KEY = "a-key-this-application-never-had";

	private static final List<String> VERIFIED_TIERS = List.of("disk", "redis", "s3");

	private static final Method ENTRY = method("entry");

	@TempDir
	static Path temp;

	private static final Map<Signing, Fixture> fixtures = new EnumMap<>(Signing.class);

	/** Whether the application has signing keys. */
	enum Signing {

		UNSIGNED, SIGNED

	}

	@BeforeAll
	static void start(RedisServer redis, S3Server s3) throws Exception {
		fixtures.put(Signing.UNSIGNED, new Fixture(Signing.UNSIGNED, SharedTiersApplication.start(redis, s3,
				s3.credentials(), temp.resolve("unsigned"), WebApplicationType.NONE, List.of()), s3));
		fixtures.put(Signing.SIGNED, new Fixture(Signing.SIGNED, SharedTiersApplication.start(redis, s3,
				s3.credentials(), temp.resolve("signed"), WebApplicationType.NONE, List.of(),
				"cachet.security.keys[0]=" + KEY_1, "cachet.security.keys[1]=" + KEY_2,
				"cachet.security.verify-disk=true"), s3));
		for (Fixture fixture : fixtures.values()) {
			fixture.app.awaitSharedTiersServe(1);
		}
	}

	@AfterAll
	static void stop() {
		fixtures.values().forEach(Fixture::close);
	}

	static Stream<Arguments> everyTierBothWays() {
		return TierStores.BYTE_TIERS.stream()
			.flatMap((tier) -> Stream.of(Signing.values()).map((signing) -> Arguments.of(tier, signing)));
	}

	static Stream<Arguments> verifiedTiersBothWays() {
		return VERIFIED_TIERS.stream()
			.flatMap((tier) -> Stream.of(Signing.values()).map((signing) -> Arguments.of(tier, signing)));
	}

	// 1. Misplaced

	@ParameterizedTest(name = "{0} tier, {1}")
	@MethodSource("everyTierBothWays")
	void anEntryCopiedFromAnotherAddressIsAMissAndIsDeleted(String tier, Signing signing) throws Exception {
		Fixture f = fixtures.get(signing);
		String source = id("copied", tier, signing, "a");
		String target = id("copied", tier, signing, "b");
		assertThat(f.service.entry(source)).isEqualTo(entryOf(source));
		String from = f.key(ENTRY, source);
		String to = f.key(ENTRY, target);
		assertMissComputedAndDeleted(f, tier, target, MissReason.MISPLACED, () -> {
			// the target's own entry first (a disk copy goes over its file), then only in the tier under test
			f.service.entry(target);
			f.stores.evictEverywhereBut(tier, CACHE, to);
			f.stores.copy(tier, CACHE, from, to);
			assertThat(f.stores.read(tier, CACHE, to)).as("the copy landed")
				.isEqualTo(f.stores.read(tier, CACHE, from));
		});
	}

	// 2. Signatures

	/** Ways to write an entry without one of the application's keys. */
	enum Forgery {

		/** A valid envelope in every respect, built without a signer. */
		NO_SIGNATURE,

		/** Signed with a key the application never had. */
		FOREIGN_KEY,

		/** Signed with a key that a rotation removed from {@code cachet.security.keys}. */
		REMOVED_KEY,

		/** The application's own signed entry of another address, its address rewritten and its checksum fixed. */
		READDRESSED_COPY

	}

	static Stream<Arguments> verifiedTiersAndForgeries() {
		return VERIFIED_TIERS.stream()
			.flatMap((tier) -> Stream.of(Forgery.values()).map((forgery) -> Arguments.of(tier, forgery)));
	}

	@ParameterizedTest(name = "{0} tier, {1}")
	@MethodSource("verifiedTiersAndForgeries")
	void aForgedEntryWithoutAValidSignatureIsAMissAndIsDeleted(String tier, Forgery forgery) throws Exception {
		Fixture f = fixtures.get(Signing.SIGNED);
		String id = id("forged-" + forgery, tier, Signing.SIGNED, "b");
		String key = f.key(ENTRY, id);
		byte[] forged = switch (forgery) {
			case NO_SIGNATURE -> f.plausible("forged " + id, key, EnvelopeSigner.none()).bytes();
			case FOREIGN_KEY -> f.plausible("forged " + id, key, signer(FOREIGN_KEY)).bytes();
			case REMOVED_KEY -> f.plausible("forged " + id, key, signer(REMOVED_KEY)).bytes();
			case READDRESSED_COPY -> readdressedCopy(f, tier, id("forged-" + forgery, tier, Signing.SIGNED, "a"), key);
		};
		assertThat(Envelope.parse(forged.clone()).metadata().address()).as("forged at the right address")
			.isEqualTo(EntryMetadata.address(CACHE, key));
		assertMissComputedAndDeleted(f, tier, id, MissReason.BAD_SIGNATURE, () -> {
			f.stores.evictEverywhereBut(tier, CACHE, key);
			f.stores.write(tier, CACHE, key, forged);
		});
	}

	static Stream<Arguments> verifiedTiersAndKeys() {
		return VERIFIED_TIERS.stream()
			.flatMap((tier) -> Stream.of(Arguments.of(tier, KEY_1), Arguments.of(tier, KEY_2)));
	}

	/** Key rotation: the first key signs, every configured key verifies (a removed one does not: see above). */
	@ParameterizedTest(name = "{0} tier, signed with {1}")
	@MethodSource("verifiedTiersAndKeys")
	void anEntrySignedWithAnyConfiguredKeyIsServed(String tier, String signingKey) throws Exception {
		Fixture f = fixtures.get(Signing.SIGNED);
		String id = id("signed-by-" + signingKey.substring(19, 22), tier, Signing.SIGNED, "b");
		String key = f.key(ENTRY, id);
		f.stores.write(tier, CACHE, key, f.plausible("planted " + id, key, signer(signingKey)).bytes());
		int computations = f.service.computations();
		long badSignatures = f.rejected(MissReason.BAD_SIGNATURE);

		assertThat(f.service.entry(id)).as("the planted entry is served").isEqualTo("planted " + id);
		assertThat(f.service.computations()).isEqualTo(computations);
		assertThat(f.rejected(MissReason.BAD_SIGNATURE)).isEqualTo(badSignatures);
	}

	/** Where a single byte of a signed envelope is changed, and what catches it once the checksum is fixed up. */
	enum Region {

		/** The lowest byte of the creation time: a millisecond younger or older. */
		HEADER(MissReason.BAD_SIGNATURE),

		/** The producer kind: {@code CACHEABLE} becomes {@code PROGRAMMATIC}, which every reader may take. */
		PRODUCER(MissReason.BAD_SIGNATURE),

		/** The last character of the address. */
		ADDRESS(MissReason.MISPLACED),

		PAYLOAD(MissReason.BAD_SIGNATURE),

		SIGNATURE(MissReason.BAD_SIGNATURE),

		/** The checksum itself (only without fixing it up: fixing it up restores the byte). */
		CHECKSUM(null);

		final MissReason resealedReason;

		Region(MissReason resealedReason) {
			this.resealedReason = resealedReason;
		}

		int offset(Envelope envelope) {
			byte[] bytes = envelope.bytes();
			int payloadEnd = envelope.payloadOffset() + envelope.payloadLength();
			return switch (this) {
				case HEADER -> 13;
				case PRODUCER -> 4 + 1 + 1 + 24 + 1 + envelope.codecId().getBytes(StandardCharsets.UTF_8).length;
				// the address's last byte: before the payload length (4), and the version, inputs' expiry and input count (20)
				case ADDRESS -> envelope.payloadOffset() - 4 - 20 - 1;
				case PAYLOAD -> envelope.payloadOffset() + envelope.payloadLength() / 2;
				case SIGNATURE -> payloadEnd + EnvelopeSigner.SIGNATURE_LENGTH / 2;
				case CHECKSUM -> bytes.length - 4;
			};
		}

	}

	static Stream<Arguments> verifiedTiersRegionsAndFixUps() {
		List<Arguments> cases = new ArrayList<>();
		for (String tier : VERIFIED_TIERS) {
			for (Region region : Region.values()) {
				cases.add(Arguments.of(tier, region, false));
				if (region != Region.CHECKSUM) {
					cases.add(Arguments.of(tier, region, true));
				}
			}
		}
		return cases.stream();
	}

	/**
	 * Without a fix-up the checksum catches the change, and the tier itself deletes the bytes before any rule
	 * sees them; with the checksum recomputed, only the signature (or the address) can.
	 */
	@ParameterizedTest(name = "{0} tier, {1}, checksum fixed up: {2}")
	@MethodSource("verifiedTiersRegionsAndFixUps")
	void aSingleTamperedByteOfASignedEntryIsAMiss(String tier, Region region, boolean fixedUp) throws Exception {
		Fixture f = fixtures.get(Signing.SIGNED);
		String id = id("tampered-" + region + "-" + fixedUp, tier, Signing.SIGNED, "b");
		String key = f.key(ENTRY, id);
		assertMissComputedAndDeleted(f, tier, id, fixedUp ? region.resealedReason : null, () -> {
			f.service.entry(id);
			f.stores.evictEverywhereBut(tier, CACHE, key);
			byte[] bytes = f.stores.read(tier, CACHE, key);
			Envelope signed = Envelope.parse(bytes.clone());
			assertThat(signed.signedBy(f.verifier)).as("the application's own entry is signed").isTrue();
			bytes[region.offset(signed)] ^= 1;
			f.stores.write(tier, CACHE, key, fixedUp ? EnvelopeMutator.resealed(bytes) : bytes);
		});
	}

	/**
	 * Every byte of a signed entry but the checksum, changed one at a time with the checksum fixed up, is a
	 * miss for application code; the untouched entry is a hit.
	 */
	@ParameterizedTest(name = "{0} tier")
	@MethodSource("verifiedTiers")
	void noSingleChangedByteOfASignedEntryIsServed(String tier) throws Exception {
		Fixture f = fixtures.get(Signing.SIGNED);
		String id = id("every-byte", tier, Signing.SIGNED, "b");
		String key = f.key(ENTRY, id);
		f.service.entry(id);
		byte[] original = f.stores.read(tier, CACHE, key);
		Envelope signed = Envelope.parse(original.clone());
		f.stores.evictEverywhereBut(tier, CACHE, key);
		assertThat(f.cache.get(CachetKey.of(key))).as("the untouched entry").isNotNull()
			.extracting(Cache.ValueWrapper::get)
			.isEqualTo(entryOf(id));
		// the hit was promoted to the nearer tiers
		f.stores.evictEverywhereBut(tier, CACHE, key);

		long badSignatures = f.rejected(MissReason.BAD_SIGNATURE);
		List<Integer> served = new ArrayList<>();
		for (int position = 0; position < original.length - 8; position++) {
			byte[] tampered = original.clone();
			tampered[position] ^= 1;
			f.stores.write(tier, CACHE, key, EnvelopeMutator.resealed(tampered));
			if (f.cache.get(CachetKey.of(key)) != null) {
				served.add(position);
				f.stores.evictEverywhereBut(tier, CACHE, key);
			}
		}
		assertThat(served).as("positions whose change was served").isEmpty();
		int signedOnly = signed.payloadLength() + EnvelopeSigner.SIGNATURE_LENGTH;
		assertThat(f.rejected(MissReason.BAD_SIGNATURE) - badSignatures)
			.as("every payload and signature byte is caught by the signature").isGreaterThanOrEqualTo(signedOnly);
	}

	static Stream<String> verifiedTiers() {
		return VERIFIED_TIERS.stream();
	}

	/** The memory tier holds what this JVM wrote or verified: only what comes from outside is checked. */
	@Test
	void signaturesAreCheckedOnTheSharedTiersAndTheVerifiedDiskOnly() {
		Map<String, Boolean> verifies = new TreeMap<>();
		fixtures.get(Signing.SIGNED).app.manager()
			.tiers()
			.forEach((name, binding) -> verifies.put(name, binding.verifiesSignatures()));
		assertThat(verifies).containsExactlyInAnyOrderEntriesOf(
				Map.of("memory", false, "disk", true, "redis", true, "s3", true));
	}

	// 3. Wrong type

	/** Readers at the same addresses as {@link LedgerService#entry} that return something else than a String. */
	enum Reader {

		INTEGER("length"), RECORD("sample");

		final Method method;

		Reader(String name) {
			this.method = method(name);
		}

		Object call(LedgerService service, String id) {
			return (this == INTEGER) ? service.length(id) : service.sample(id);
		}

		Object expected(String id) {
			return (this == INTEGER) ? Integer.valueOf(id.length()) : Sample.of(id.length());
		}

	}

	static Stream<Arguments> everyTierBothWaysAndReaders() {
		return everyTierBothWays().flatMap((arguments) -> Stream.of(Reader.values())
			.map((reader) -> Arguments.of(arguments.get()[0], arguments.get()[1], reader)));
	}

	@ParameterizedTest(name = "{0} tier, {1}, read as {2}")
	@MethodSource("everyTierBothWaysAndReaders")
	void anEntryOfAnotherTypeIsAMissThatTheFreshResultReplaces(String tier, Signing signing, Reader reader)
			throws Exception {
		Fixture f = fixtures.get(signing);
		String id = id("typed-" + reader, tier, signing, "b");
		String key = f.key(reader.method, id);
		// a programmatic put, which every reader may take, signed as the application signs
		Envelope string = f.serializer.serialize("a String, not a " + reader, metadata(key, Producer.PROGRAMMATIC),
				f.signer);
		f.stores.write(tier, CACHE, key, string.bytes());
		int computations = f.service.computations();
		long wrongTypes = f.rejected(MissReason.WRONG_TYPE);

		Object result = reader.call(f.service, id);

		assertThat(result).isEqualTo(reader.expected(id));
		assertThat(f.service.computations()).as("computed").isEqualTo(computations + 1);
		assertThat(f.rejected(MissReason.WRONG_TYPE)).isEqualTo(wrongTypes + 1);
		assertThat(f.stored(tier, key)).as("the fresh result replaced the entry in the " + tier + " tier")
			.isEqualTo(reader.expected(id));
		assertThat(reader.call(f.service, id)).isEqualTo(reader.expected(id));
		assertThat(f.service.computations()).as("served from then on").isEqualTo(computations + 1);
	}

	/**
	 * The everyday way another type lands at an address: a sibling {@code @CachePut} with the same key stores a
	 * String where an {@code Integer} reader looks. The String is in every tier, each refuses it.
	 */
	@ParameterizedTest
	@EnumSource(Signing.class)
	void aSiblingsPutOfAnotherTypeIsAMissInEveryTierThatTheReaderReplaces(Signing signing) throws Exception {
		Fixture f = fixtures.get(signing);
		String id = id("sibling-put", "all", signing, "b");
		String key = f.key(Reader.INTEGER.method, id);
		assertThat(f.service.label(id)).isEqualTo("label " + id);
		for (String tier : TierStores.TIERS) {
			assertThat(f.stored(tier, key)).as("the put reached the " + tier + " tier").isEqualTo("label " + id);
		}
		int computations = f.service.computations();
		long wrongTypes = f.rejected(MissReason.WRONG_TYPE);

		assertThat(f.service.length(id)).isEqualTo(id.length());

		assertThat(f.service.computations()).isEqualTo(computations + 1);
		assertThat(f.rejected(MissReason.WRONG_TYPE)).as("refused by each tier").isEqualTo(wrongTypes + 4);
		for (String tier : TierStores.TIERS) {
			assertThat(f.stored(tier, key)).as("replaced in the " + tier + " tier").isEqualTo(id.length());
		}
	}

	// 4. Format version 1

	@ParameterizedTest(name = "{0} tier, {1}")
	@MethodSource("verifiedTiersBothWays")
	void anEntryOfFormatVersion1IsAMissNeverAnError(String tier, Signing signing) throws Exception {
		Fixture f = fixtures.get(signing);
		String id = id("version-1", tier, signing, "b");
		String key = f.key(ENTRY, id);
		// the right value, by the right method with its current fingerprint: only the format is old
		byte[] payload = f.codec.encode(entryOf(id));
		byte[] version1 = formatVersion1(f.codec.id(), metadata(key, f.producer(ENTRY)), payload);
		assertMissComputedAndDeleted(f, tier, id, null, () -> {
			f.stores.evictEverywhereBut(tier, CACHE, key);
			f.stores.write(tier, CACHE, key, version1);
			assertThat(f.stores.read(tier, CACHE, key)[4]).as("format version").isEqualTo((byte) 1);
		});
	}

	/**
	 * Plants an entry twice at {@code id}'s address of {@link LedgerService#entry}. The first time the method
	 * must compute its own value, with no exception, and store it over the planted entry; the second time
	 * application code must read a miss and the tier must no longer hold the entry. {@code reason} is the
	 * rejection counted each time; {@code null} for bytes the tier itself refuses (and deletes) because they are
	 * no intact envelope of the current format, before any rule sees them.
	 */
	private static void assertMissComputedAndDeleted(Fixture f, String tier, String id, MissReason reason,
			Plant plant) throws Exception {
		String key = f.key(ENTRY, id);
		plant.plant();
		int computations = f.service.computations();
		long rejected = (reason != null) ? f.rejected(reason) : 0;

		assertThat(f.service.entry(id)).isEqualTo(entryOf(id));

		assertThat(f.service.computations()).as("the method computed").isEqualTo(computations + 1);
		if (reason != null) {
			assertThat(f.rejected(reason)).as(reason + " counted").isEqualTo(rejected + 1);
		}
		Envelope fresh = Envelope.parse(f.stores.read(tier, CACHE, key));
		assertThat(fresh.metadata().address()).as("the fresh entry's address")
			.isEqualTo(EntryMetadata.address(CACHE, key));
		assertThat(f.serializer.deserialize(fresh)).as("the fresh entry replaced the planted one")
			.isEqualTo(entryOf(id));
		if (f.signing == Signing.SIGNED) {
			assertThat(fresh.signedBy(f.verifier)).as("the fresh entry is signed").isTrue();
		}

		plant.plant();
		assertThat(f.cache.get(CachetKey.of(key))).as("application code reads a miss").isNull();
		if (reason != null) {
			assertThat(f.rejected(reason)).as(reason + " counted").isEqualTo(rejected + 2);
		}
		awaitDeleted(f, tier, key);
	}

	/** The Redis tier deletes bytes that are no envelope with a command it does not wait for. */
	private static void awaitDeleted(Fixture f, String tier, String key) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (f.stores.read(tier, CACHE, key) != null) {
			if (System.nanoTime() > deadline) {
				fail("the planted entry is still in the " + tier + " tier");
			}
			Thread.sleep(20);
		}
	}

	/** Plants an entry in one tier. */
	@FunctionalInterface
	private interface Plant {

		void plant() throws Exception;

	}

	/**
	 * The application's own signed entry for {@code sourceId}, as the tier holds it, with its address rewritten
	 * to {@code key}'s (of the same length) and its checksum fixed up.
	 */
	private static byte[] readdressedCopy(Fixture f, String tier, String sourceId, String key) throws Exception {
		f.service.entry(sourceId);
		byte[] bytes = f.stores.read(tier, CACHE, f.key(ENTRY, sourceId));
		byte[] from = EntryMetadata.address(CACHE, f.key(ENTRY, sourceId)).getBytes(StandardCharsets.UTF_8);
		byte[] to = EntryMetadata.address(CACHE, key).getBytes(StandardCharsets.UTF_8);
		int at = indexOf(bytes, from);
		System.arraycopy(to, 0, bytes, at, to.length);
		return EnvelopeMutator.resealed(bytes);
	}

	private static int indexOf(byte[] bytes, byte[] part) {
		for (int i = 0; i + part.length <= bytes.length; i++) {
			if (ByteBuffer.wrap(bytes, i, part.length).equals(ByteBuffer.wrap(part))) {
				return i;
			}
		}
		throw new IllegalStateException("not found");
	}

	/**
	 * An entry as Cachet wrote it in format version 1, which had neither producer kind, address nor signature:
	 * <pre>
	 * magic "CCHT" | 1 | flags | created-at millis | max-age millis | compute nanos | codec id (u8 length)
	 * | method id (u16 length) | fingerprint (u8 length) | payload length (4) | payload | XXH3-64 of all before
	 * </pre>
	 */
	static byte[] formatVersion1(String codecId, EntryMetadata metadata, byte[] payload) {
		byte[] codec = codecId.getBytes(StandardCharsets.UTF_8);
		byte[] method = metadata.methodId().getBytes(StandardCharsets.UTF_8);
		byte[] fingerprint = metadata.fingerprint().getBytes(StandardCharsets.UTF_8);
		ByteBuffer out = ByteBuffer.allocate(4 + 1 + 1 + 24 + 1 + codec.length + 2 + method.length + 1
				+ fingerprint.length + 4 + payload.length + 8);
		out.putInt(0x43434854)
			.put((byte) 1)
			.put((byte) 0)
			.putLong(metadata.createdAt().toEpochMilli())
			.putLong(metadata.maxAge().toMillis())
			.putLong(metadata.computeTime().toNanos())
			.put((byte) codec.length)
			.put(codec)
			.putShort((short) method.length)
			.put(method)
			.put((byte) fingerprint.length)
			.put(fingerprint)
			.putInt(payload.length)
			.put(payload);
		out.putLong(Hashing.xxh3_64().hashBytesToLong(out.array(), 0, out.position()));
		return out.array();
	}

	/** Written a second ago at {@code key}'s address of the ledger cache. */
	private static EntryMetadata metadata(String key, Producer producer) {
		return new EntryMetadata(Instant.now().minusSeconds(1), Duration.ofHours(1), Duration.ofMillis(1), producer,
				EntryMetadata.address(CACHE, key));
	}

	private static EnvelopeSigner signer(String key) {
		return EnvelopeSigner.of(List.of(key.getBytes(StandardCharsets.UTF_8)));
	}

	/** An argument unique to a case; those of one case differ in their last character only. */
	private static String id(String scenario, String tier, Signing signing, String last) {
		return scenario + "-" + tier + "-" + signing + "-" + last;
	}

	private static Method method(String name) {
		try {
			return LedgerService.class.getMethod(name, String.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One running application, the stores behind its tiers, and what a forger needs to know. */
	private static final class Fixture implements AutoCloseable {

		final Signing signing;

		final SharedTiersApplication app;

		final TierStores stores;

		final LedgerService service;

		/** The cache as application code uses it. */
		final TieredCache cache;

		final ValueCodec codec;

		final EntrySerializer serializer;

		/** Signs as the application does. */
		final EnvelopeSigner signer;

		/** Verifies as the application does. */
		final EnvelopeSigner verifier;

		Fixture(Signing signing, SharedTiersApplication app, S3Server s3) {
			this.signing = signing;
			this.app = app;
			this.stores = new TierStores(app, s3);
			this.service = app.bean(LedgerService.class);
			this.cache = app.manager().getCache(CACHE);
			this.codec = app.bean(ValueCodec.class);
			this.serializer = new EntrySerializer(this.codec);
			boolean signed = signing == Signing.SIGNED;
			this.signer = signed ? ForgedEntriesTests.signer(KEY_1) : EnvelopeSigner.none();
			this.verifier = signed ? EnvelopeSigner.of(List.of(KEY_1.getBytes(StandardCharsets.UTF_8),
					KEY_2.getBytes(StandardCharsets.UTF_8))) : EnvelopeSigner.none();
		}

		/** The key id of {@code method}'s call with {@code id}, as the application computes it. */
		String key(Method method, String id) {
			return ((CachetKey) this.app.manager().keyGenerator().generate(this.service, method, id)).id();
		}

		/** What {@code method} records as the producer of its results, with its current fingerprint. */
		Producer producer(Method method) {
			return this.app.bean(CachedMethods.class)
				.resolve(LedgerService.class, method)
				.producer(Producer.Kind.CACHEABLE);
		}

		/** An entry {@link LedgerService#entry} could have written at {@code key}, holding {@code value}. */
		Envelope plausible(String value, String key, EnvelopeSigner signer) throws Exception {
			return this.serializer.serialize(value, metadata(key, producer(ENTRY)), signer);
		}

		long rejected(MissReason reason) {
			return this.cache.statistics().rejected(reason);
		}

		/** The value a tier holds at {@code key}, decoded. */
		Object stored(String tier, String key) throws Exception {
			if (tier.equals("memory")) {
				return this.stores.held(CACHE, key);
			}
			byte[] bytes = this.stores.read(tier, CACHE, key);
			assertThat(bytes).as("an entry in the " + tier + " tier").isNotNull();
			return this.serializer.deserialize(Envelope.parse(bytes.clone()));
		}

		@Override
		public void close() {
			this.stores.close();
			this.app.close();
		}

	}

}
