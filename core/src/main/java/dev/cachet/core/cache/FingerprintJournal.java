package dev.cachet.core.cache;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.dynatrace.hash4j.hashing.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cachet.core.envelope.CorruptEnvelopeException;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.Producer;
import dev.cachet.core.fingerprint.FingerprintChange;
import dev.cachet.core.fingerprint.MethodFingerprint;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.tier.CacheTier;

/**
 * Remembers each cached method's last fingerprint, and the body hashes of the methods it reached,
 * in the persistent tiers, so that after a deploy Cachet can say which method's code changed and
 * which reached method caused it.
 */
public class FingerprintJournal {

	/** The reserved cache name the journal stores its records under. */
	public static final String CACHE = "cachet-fingerprints";

	private static final String FORMAT = "cachet-journal-1";

	private static final Duration KEEP = Duration.ofDays(3650);

	private static final Logger logger = LoggerFactory.getLogger(FingerprintJournal.class);

	private final List<CacheTier> tiers;

	private final Clock clock;

	/** Per method id, the revision of this run: complete once recorded, pending while a thread records it. */
	private final ConcurrentMap<String, CompletableFuture<Revision>> revisions = new ConcurrentHashMap<>();

	/** @param tiers the tiers that outlive the process (memory tiers are left out by the caller) */
	public FingerprintJournal(Collection<CacheTier> tiers, Clock clock) {
		this.tiers = List.copyOf(tiers);
		this.clock = clock;
	}

	/**
	 * Compares a method's current fingerprint with the recorded one, records the current one, and
	 * logs what changed; once per run and method: later calls return the same revision, and a call
	 * made while another thread records the method waits for its result. A recording that throws is
	 * tried again by the next call.
	 * @return the revision now known for the method
	 */
	public Revision record(CachedMethod method) {
		CompletableFuture<Revision> mine = new CompletableFuture<>();
		CompletableFuture<Revision> known = revisions.putIfAbsent(method.id(), mine);
		if (known != null) {
			return known.join();
		}
		try {
			mine.complete(compare(method));
		}
		catch (RuntimeException | Error ex) {
			revisions.remove(method.id(), mine);
			mine.completeExceptionally(ex);
			throw ex;
		}
		return mine.join();
	}

	/** What is known of a method's fingerprint history, if it was recorded in this run. */
	public Optional<Revision> revision(String methodId) {
		CompletableFuture<Revision> revision = revisions.get(methodId);
		return (revision != null && revision.isDone() && !revision.isCompletedExceptionally())
				? Optional.of(revision.join()) : Optional.empty();
	}

	private Revision compare(CachedMethod method) {
		MethodFingerprint current = method.fingerprint();
		Optional<Recorded> previous = read(method.id());
		Revision revision;
		if (previous.isEmpty()) {
			revision = new Revision(current.hash(), null, null, null);
		}
		else if (previous.get().hash().equals(current.hash())) {
			revision = new Revision(current.hash(), null, previous.get().since(), null);
		}
		else {
			FingerprintChange change = FingerprintChange.between(previous.get().reached(), current.components());
			revision = new Revision(current.hash(), previous.get().hash(), clock.instant(), change);
			logger.info("Code of {} changed since its last recorded run (fingerprint {} -> {}); its earlier cached "
					+ "results are retired. {}", method.id(), previous.get().hash(), current.hash(), change.describe());
		}
		if (previous.isEmpty() || !previous.get().hash().equals(current.hash())) {
			write(method, current, (revision.changedAt() != null) ? revision.changedAt() : clock.instant());
		}
		return revision;
	}

	private Optional<Recorded> read(String methodId) {
		for (CacheTier tier : tiers) {
			try {
				Envelope envelope = tier.get(CACHE, keyOf(methodId));
				if (envelope != null && FORMAT.equals(envelope.codecId())) {
					return Optional.of(decode(envelope));
				}
			}
			catch (Exception ex) {
				logger.debug("Fingerprint journal not readable from tier {}", tier.type(), ex);
			}
		}
		return Optional.empty();
	}

	private void write(CachedMethod method, MethodFingerprint fingerprint, Instant since) {
		StringBuilder text = new StringBuilder();
		fingerprint.components().forEach((id, hash) -> text.append(id).append('\t').append(hash).append('\n'));
		byte[] payload = text.toString().getBytes(StandardCharsets.UTF_8);
		Envelope envelope = Envelope.create(FORMAT, false, false,
				new EntryMetadata(since, KEEP, Duration.ZERO, method.producer(Producer.Kind.CACHEABLE),
						EntryMetadata.address(CACHE, keyOf(method.id()))),
				payload, 0, payload.length);
		for (CacheTier tier : tiers) {
			try {
				tier.put(CACHE, keyOf(method.id()), envelope, KEEP);
			}
			catch (Exception ex) {
				logger.debug("Fingerprint journal not writable to tier {}", tier.type(), ex);
			}
		}
	}

	private static Recorded decode(Envelope envelope) throws CorruptEnvelopeException {
		String text = new String(envelope.bytes(), envelope.payloadOffset(), envelope.payloadLength(),
				StandardCharsets.UTF_8);
		Map<String, String> reached = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			int tab = line.indexOf('\t');
			if (tab > 0) {
				reached.put(line.substring(0, tab), line.substring(tab + 1));
			}
		}
		return new Recorded(envelope.metadata().fingerprint(), envelope.metadata().createdAt(), reached);
	}

	private static String keyOf(String methodId) {
		return HexFormat.of().toHexDigits(Hashing.xxh3_64().hashBytesToLong(methodId.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * A method's fingerprint as this run knows it.
	 *
	 * @param current   the fingerprint now
	 * @param previous  the fingerprint recorded before, when it differs; otherwise {@code null}
	 * @param changedAt when the current fingerprint was first recorded, {@code null} if this run is the first
	 * @param change    which reached methods differ from the previous fingerprint, or {@code null}
	 */
	public record Revision(String current, String previous, Instant changedAt, FingerprintChange change) {
	}

	private record Recorded(String hash, Instant since, Map<String, String> reached) {
	}

}
