package dev.cachet.core.tier;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cachet.core.envelope.CorruptEnvelopeException;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.EnvelopeSigner;
import dev.cachet.core.envelope.EnvelopeStreams;
import dev.cachet.core.envelope.Producer;
import dev.cachet.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link CacheTier} does, whatever holds its entries. A tier's test extends this class,
 * creates the tier and reaches into the tier's own store through the hooks; tier-specific behaviour
 * (file layout, TTL commands, conditional writes) stays in the tier's own tests.
 *
 * <p>A tier that keeps verified envelope instances in the heap (memory) has no bytes to damage and no
 * storage names; it answers those hooks with {@code false} and {@code null}, and the contract checks
 * instead that it hands back the very instance and does not claim to be persistent.
 *
 * <p>Published in {@code cachet-core}'s test-jar, so a user-written tier can be held to it too.
 */
public abstract class CacheTierContract {

	private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

	private static final Duration HOUR = Duration.ofHours(1);

	/** A cache name that is all user text: none of it may reach a storage name. */
	private static final String USER_CACHE = "Customer Reports/Private invoices";

	private static final String CACHE = "ships";

	private static final String OTHER_CACHE = "harbours";

	/** Given to {@link #createTier}; the expiry test moves it. */
	private final MutableClock clock = new MutableClock(NOW);

	private CacheTier tier;

	/** Creates the tier under test, empty, before each test; a tier that takes a clock gets this one. */
	protected abstract CacheTier createTier(Clock clock) throws Exception;

	/**
	 * Damages the bytes stored for an entry in the tier's own store (a flipped byte, a cut file).
	 * @return {@code false} for a tier that keeps the verified envelope instance itself and holds no
	 * bytes that could be damaged (the memory tier)
	 */
	protected abstract boolean corrupt(String cache, String key) throws Exception;

	/**
	 * Every name the tier's storage holds for entries: file paths under its folder, Redis keys,
	 * object keys; {@code null} for a tier that keeps entries in the heap and names nothing outside it.
	 */
	protected abstract Collection<String> storageNames() throws Exception;

	/** The regular expression every storage name matches, per the tier's documented naming scheme; {@code null} with no names. */
	protected abstract String storageNameScheme();

	/** Whether storage expiry follows the clock given to {@link #createTier}; if not, a short real TTL is waited out. */
	protected abstract boolean expiresOnClock();

	/** The optional capabilities the tier documents: {@link TierStreaming} and {@link TierInspection}. */
	protected abstract Set<Class<?>> capabilities();

	/** Releases what the subclass opened for the tier (clients, connections), after the tier is closed. */
	protected void cleanUp() throws Exception {
	}

	@BeforeEach
	void createTheTier() throws Exception {
		this.tier = createTier(this.clock);
	}

	@AfterEach
	void closeTheTier() throws Exception {
		try {
			this.tier.close();
		}
		finally {
			cleanUp();
		}
	}

	@Test
	void roundTripsBytesAndMetadata() throws Exception {
		byte[] large = new byte[256 * 1024];
		new Random(42).nextBytes(large);
		List<Envelope> envelopes = List.of(envelope(CACHE, key("small"), "ships in port", NOW),
				envelope(CACHE, key("large"), large, NOW),
				Envelope.ofNull("test", metadata(CACHE, key("null"), NOW), EnvelopeSigner.none()));
		List<String> keys = List.of(key("small"), key("large"), key("null"));
		for (int i = 0; i < keys.size(); i++) {
			assertThat(this.tier.get(CACHE, keys.get(i))).isNull();
			this.tier.put(CACHE, keys.get(i), envelopes.get(i), HOUR);
		}
		for (int i = 0; i < keys.size(); i++) {
			assertSameEntry(this.tier.get(CACHE, keys.get(i)), envelopes.get(i));
		}
		assertThat(this.tier.get(CACHE, key("absent"))).isNull();
	}

	@Test
	void aLaterPutReplacesTheEntry() throws Exception {
		// The second value was computed after the first was stored, so even a tier that keeps a
		// concurrent computation's entry (S3) must replace it.
		this.tier.put(CACHE, key("k"), envelope(CACHE, key("k"), "first", NOW.minusSeconds(60)), HOUR);
		Envelope second = envelope(CACHE, key("k"), "second, longer than the first", NOW);
		this.tier.put(CACHE, key("k"), second, HOUR);
		assertSameEntry(this.tier.get(CACHE, key("k")), second);
	}

	@Test
	void evictRemovesThatEntryOnly() throws Exception {
		this.tier.put(CACHE, key("a"), envelope(CACHE, key("a"), "a", NOW), HOUR);
		Envelope b = envelope(CACHE, key("b"), "b", NOW);
		this.tier.put(CACHE, key("b"), b, HOUR);
		this.tier.evict(CACHE, key("a"));
		this.tier.evict(CACHE, key("never-stored"));
		assertThat(this.tier.get(CACHE, key("a"))).isNull();
		assertSameEntry(this.tier.get(CACHE, key("b")), b);
	}

	@Test
	void clearRemovesOneCacheAndKeepsTheOthers() throws Exception {
		this.tier.put(CACHE, key("a"), envelope(CACHE, key("a"), "a", NOW), HOUR);
		this.tier.put(CACHE, key("b"), envelope(CACHE, key("b"), "b", NOW), HOUR);
		Envelope kept = envelope(OTHER_CACHE, key("a"), "kept", NOW);
		this.tier.put(OTHER_CACHE, key("a"), kept, HOUR);
		this.tier.clear(CACHE);
		this.tier.clear("never-used");
		assertThat(this.tier.get(CACHE, key("a"))).isNull();
		assertThat(this.tier.get(CACHE, key("b"))).isNull();
		assertSameEntry(this.tier.get(OTHER_CACHE, key("a")), kept);
		Envelope again = envelope(CACHE, key("a"), "again", NOW);
		this.tier.put(CACHE, key("a"), again, HOUR);
		assertSameEntry(this.tier.get(CACHE, key("a")), again);
	}

	@Test
	void anEntryIsVisibleUnderItsOwnCacheNameOnly() throws Exception {
		Envelope ships = envelope(CACHE, key("k"), "ships", NOW);
		this.tier.put(CACHE, key("k"), ships, HOUR);
		assertThat(this.tier.get(OTHER_CACHE, key("k"))).isNull();
		Envelope harbours = envelope(OTHER_CACHE, key("k"), "harbours", NOW);
		this.tier.put(OTHER_CACHE, key("k"), harbours, HOUR);
		assertSameEntry(this.tier.get(CACHE, key("k")), ships);
		this.tier.evict(OTHER_CACHE, key("k"));
		assertSameEntry(this.tier.get(CACHE, key("k")), ships);
	}

	@Test
	void aCorruptEntryIsAMissAndIsNotServedAgain() throws Exception {
		Envelope damaged = envelope(CACHE, key("damaged"), "payload that will be damaged", NOW);
		Envelope neighbour = envelope(CACHE, key("neighbour"), "neighbour", NOW);
		this.tier.put(CACHE, key("damaged"), damaged, HOUR);
		this.tier.put(CACHE, key("neighbour"), neighbour, HOUR);
		if (!corrupt(CACHE, key("damaged"))) {
			assertThat(this.tier.get(CACHE, key("damaged"))).as("a tier with no bytes to damage keeps the instance")
				.isSameAs(damaged);
			return;
		}
		if (this.tier.streaming().isPresent()) {
			// a miss, or bytes the reader refuses
			try (InputStream in = this.tier.streaming().get().openEnvelope(CACHE, key("damaged"))) {
				if (in != null) {
					assertThatExceptionOfType(CorruptEnvelopeException.class)
						.isThrownBy(() -> EnvelopeStreams.read(in).copyPayloadTo(OutputStream.nullOutputStream()));
				}
			}
		}
		assertThat(this.tier.get(CACHE, key("damaged"))).isNull();
		assertThat(this.tier.get(CACHE, key("damaged"))).as("not served again").isNull();
		assertSameEntry(this.tier.get(CACHE, key("neighbour")), neighbour);
		this.tier.put(CACHE, key("damaged"), damaged, HOUR);
		assertSameEntry(this.tier.get(CACHE, key("damaged")), damaged);
	}

	@Test
	void storageNamesHoldNoUserText() throws Exception {
		this.tier.put(USER_CACHE, key("a"), envelope(USER_CACHE, key("a"), "a", NOW), HOUR);
		this.tier.put(USER_CACHE, key("b"), envelope(USER_CACHE, key("b"), "b", NOW), HOUR);
		this.tier.put(CACHE, key("a"), envelope(CACHE, key("a"), "a", NOW), HOUR);
		Collection<String> names = storageNames();
		if (names == null) {
			assertThat(this.tier.persistent()).as("only a heap tier names nothing outside the heap").isFalse();
			return;
		}
		assertThat(names).as("one name per entry").hasSize(3);
		assertThat(names).filteredOn((name) -> name.contains(key("a"))).hasSize(2);
		assertThat(names).filteredOn((name) -> name.contains(key("b"))).hasSize(1);
		assertThat(names).allSatisfy((name) -> {
			assertThat(name).matches(storageNameScheme());
			for (String word : new String[] { "customer", "reports", "private", "invoices", CACHE }) {
				assertThat(name.toLowerCase(Locale.ROOT)).doesNotContain(word);
			}
		});
	}

	@Test
	void anEntryIsGoneOnceItsStorageTtlHasPassed() throws Exception {
		Envelope lasting = envelope(CACHE, key("lasting"), "lasting", NOW);
		this.tier.put(CACHE, key("lasting"), lasting, HOUR);
		Envelope brief = envelope(CACHE, key("brief"), "brief", NOW);
		if (expiresOnClock()) {
			this.tier.put(CACHE, key("brief"), brief, Duration.ofMinutes(1));
			this.clock.advance(Duration.ofSeconds(59));
			assertReadable(CACHE, key("brief"));
			this.clock.advance(Duration.ofSeconds(1));
		}
		else {
			this.tier.put(CACHE, key("brief"), brief, Duration.ofSeconds(1));
			assertReadable(CACHE, key("brief"));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.tier.get(CACHE, key("brief")) == null);
		}
		assertThat(this.tier.get(CACHE, key("brief"))).isNull();
		if (this.tier.streaming().isPresent()) {
			assertThat(this.tier.streaming().get().openEnvelope(CACHE, key("brief"))).isNull();
		}
		assertSameEntry(this.tier.get(CACHE, key("lasting")), lasting);
	}

	@Test
	void streamingIsConsistentWithWholeEntries() throws Exception {
		assertThat(this.tier.streaming().isPresent()).as("streaming offered")
			.isEqualTo(capabilities().contains(TierStreaming.class));
		if (this.tier.streaming().isEmpty()) {
			return;
		}
		TierStreaming streaming = this.tier.streaming().get();
		Envelope streamed = envelope(CACHE, key("streamed"), "put as a stream", NOW);
		AtomicBoolean closed = new AtomicBoolean();
		InputStream in = new ByteArrayInputStream(streamed.bytes()) {
			@Override
			public void close() {
				closed.set(true);
			}
		};
		streaming.putEnvelope(CACHE, key("streamed"), in, streamed.size(), HOUR);
		assertThat(closed).as("the tier closes the stream it was given").isTrue();
		assertSameEntry(this.tier.get(CACHE, key("streamed")), streamed);

		Envelope whole = envelope(CACHE, key("whole"), "put whole", NOW);
		this.tier.put(CACHE, key("whole"), whole, HOUR);
		try (InputStream opened = streaming.openEnvelope(CACHE, key("whole"))) {
			assertThat(opened.readAllBytes()).isEqualTo(whole.bytes());
		}
		assertThat(streaming.openEnvelope(CACHE, key("absent"))).isNull();
		assertThat(streaming.openEnvelope(OTHER_CACHE, key("whole"))).isNull();
	}

	@Test
	void aStreamThatEndsEarlyLeavesNothingReadable() throws Exception {
		if (this.tier.streaming().isEmpty()) {
			assertThat(capabilities()).doesNotContain(TierStreaming.class);
			return;
		}
		Envelope envelope = envelope(CACHE, key("cut"), "a stream that ends before its length", NOW);
		byte[] cut = Arrays.copyOf(envelope.bytes(), envelope.size() - 10);
		assertThatException().isThrownBy(() -> this.tier.streaming()
			.get()
			.putEnvelope(CACHE, key("cut"), new ByteArrayInputStream(cut), envelope.size(), HOUR));
		assertThat(this.tier.get(CACHE, key("cut"))).isNull();
		assertThat(this.tier.streaming().get().openEnvelope(CACHE, key("cut"))).isNull();
	}

	@Test
	void inspectionListsExactlyTheStoredEntries() throws Exception {
		assertThat(this.tier.inspection().isPresent()).as("inspection offered")
			.isEqualTo(capabilities().contains(TierInspection.class));
		if (this.tier.inspection().isEmpty()) {
			return;
		}
		Envelope a = envelope(CACHE, key("a"), "a", NOW);
		Envelope b = envelope(CACHE, key("b"), "b, somewhat longer", NOW.minusSeconds(5));
		this.tier.put(CACHE, key("a"), a, HOUR);
		this.tier.put(CACHE, key("b"), b, HOUR);
		this.tier.put(CACHE, key("evicted"), envelope(CACHE, key("evicted"), "gone", NOW), HOUR);
		this.tier.put(OTHER_CACHE, key("a"), envelope(OTHER_CACHE, key("a"), "other", NOW), HOUR);
		this.tier.evict(CACHE, key("evicted"));
		try (Stream<TierEntry> entries = this.tier.inspection().get().entries(CACHE)) {
			assertThat(entries.toList()).containsExactlyInAnyOrder(new TierEntry(key("a"), a.metadata(), a.size()),
					new TierEntry(key("b"), b.metadata(), b.size()));
		}
	}

	/** A key id as the tiered cache makes them: 32 lowercase hex digits, derived from a label. */
	private static String key(String label) {
		return UUID.nameUUIDFromBytes(label.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
	}

	/** A programmatic entry written at {@code cache}/{@code key}. */
	private static Envelope envelope(String cache, String key, String payload, Instant createdAt) {
		return envelope(cache, key, payload.getBytes(StandardCharsets.UTF_8), createdAt);
	}

	private static Envelope envelope(String cache, String key, byte[] payload, Instant createdAt) {
		return Envelope.create("test", false, false, metadata(cache, key, createdAt), payload, 0, payload.length);
	}

	private static EntryMetadata metadata(String cache, String key, Instant createdAt) {
		return new EntryMetadata(createdAt, HOUR, Duration.ZERO, Producer.PROGRAMMATIC,
				EntryMetadata.address(cache, key));
	}

	private static void assertSameEntry(Envelope read, Envelope written) {
		assertThat(read).isNotNull();
		assertThat(read.bytes()).isEqualTo(written.bytes());
		assertThat(read.metadata()).isEqualTo(written.metadata());
	}

	private void assertReadable(String cache, String key) throws Exception {
		assertThat(this.tier.get(cache, key)).isNotNull();
		if (this.tier.streaming().isPresent()) {
			try (InputStream in = this.tier.streaming().get().openEnvelope(cache, key)) {
				assertThat(in).isNotNull();
			}
		}
	}

}
