package dev.cachet.core.cache;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Producer;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.method.Caller;

/**
 * Decides whether an entry a tier holds may be served to a call, from what its envelope records.
 * An entry is served only if it was written at the call's address, its tier may be trusted, its
 * producer may feed this caller with the code it has now, and it is fresh:
 * <ul>
 * <li>a programmatic put is for every reader;</li>
 * <li>a {@code @CachePut} result is for every reader while its method's current fingerprint equals
 * the recorded one;</li>
 * <li>a {@code @Cacheable} result is for that same method with the same fingerprint (and for
 * application code while the fingerprint is current), never for another {@code @Cacheable} method:
 * that is the key collision Spring's own caches have.</li>
 * </ul>
 * An entry computed from other cached results is served only while each is still the one it read
 * ({@link InputCheck}). A producer this application does not know is a miss: when unsure, miss.
 */
final class EntryValidity {

	private final CachedMethods methods;

	private final LocalTierTrust trust;

	private final InputCheck inputs;

	EntryValidity(CachedMethods methods, LocalTierTrust trust, InputCheck inputs) {
		this.methods = methods;
		this.trust = trust;
		this.inputs = inputs;
	}

	/**
	 * Why the entry may not be served to the call, or {@code null} when it may (its payload still to be checked).
	 * @param blocking whether the entry's inputs may be looked up in tiers that block ({@link InputCheck})
	 */
	@Nullable MissReason check(ResultFormat.Candidate found, Call call, TierBinding binding, long nowMillis,
			boolean blocking) {
		EntryMetadata metadata = found.metadata();
		if (!found.writtenAt(call)) {
			return MissReason.MISPLACED;
		}
		if (!trust.trusts(binding, metadata)) {
			return MissReason.UNTRUSTED;
		}
		MissReason producer = producer(metadata.producer(), call.caller());
		if (producer != null) {
			return producer;
		}
		boolean fresh = metadata.isFresh(call.maxAge(), nowMillis);
		if (!fresh && call.stale() == null) {
			return MissReason.STALE;
		}
		if (!metadata.inputs().isEmpty()) {
			// an entry names caches and keys to look up: not before it is known to come from a key holder
			if (!found.authentic()) {
				return MissReason.BAD_SIGNATURE;
			}
			// checked before a stale entry is offered: one whose inputs changed is never served, stale or not
			if (!inputs.unchanged(metadata.inputs(), blocking)) {
				return MissReason.INPUT_CHANGED;
			}
		}
		return fresh ? null : MissReason.STALE;
	}

	/**
	 * Records that a shared tier served an entry to a read that started at {@code readStartedMillis}:
	 * local copies of it are then as trustworthy as the shared tier ({@link LocalTierTrust}).
	 */
	void servedFromShared(EntryMetadata metadata, long readStartedMillis) {
		trust.servedFromShared(metadata, readStartedMillis);
	}

	private @Nullable MissReason producer(Producer producer, Caller caller) {
		if (producer.kind() == Producer.Kind.PROGRAMMATIC) {
			return null;
		}
		if (producer.kind() == Producer.Kind.CACHEABLE && caller.role() == Caller.Role.CACHEABLE) {
			CachedMethod reader = caller.method();
			if (!producer.methodId().equals(reader.id())) {
				return MissReason.FOREIGN_PRODUCER;
			}
			return producer.fingerprint().equals(reader.fingerprint().hash()) ? null : MissReason.CODE_CHANGED;
		}
		CachedMethod current = methods.byId(producer.methodId()).orElse(null);
		if (current == null) {
			return MissReason.UNKNOWN_PRODUCER;
		}
		return producer.fingerprint().equals(current.fingerprint().hash()) ? null : MissReason.CODE_CHANGED;
	}

}
