package dev.cachet.core.cache;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.codec.CodecException;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.EnvelopeSigner;
import dev.cachet.core.envelope.EnvelopeStreams;
import dev.cachet.core.tier.ValueHolding;
import dev.cachet.core.tier.ValueHolding.HeldValue;

/**
 * Results as values: the objects themselves in tiers that hold values (memory), one whole envelope
 * per entry, the same bytes, in the others. A value is encoded only for the tiers that store bytes,
 * at most once per write, and on a write-behind thread when the write may be deferred.
 */
final class ValueFormat implements ResultFormat {

	private final EntrySerializer serializer;

	private final TierOperations operations;

	private final EnvelopeSigner signer;

	private final WriteBehind writeBehind;

	private final AsyncTierReads asyncReads;

	private final ValueEncoder encoder;

	ValueFormat(EntrySerializer serializer, TierOperations operations, EnvelopeSigner signer, WriteBehind writeBehind,
			AsyncTierReads asyncReads, Clock clock) {
		this.asyncReads = asyncReads;
		this.serializer = serializer;
		this.operations = operations;
		this.signer = signer;
		this.writeBehind = writeBehind;
		this.encoder = new ValueEncoder(serializer, signer, operations, clock);
	}

	@Override
	public @Nullable Candidate find(TierBinding binding, Call call, long nowMillis) {
		ValueHolding holding = binding.values();
		if (holding != null) {
			HeldValue held = operations.getValue(holding, binding, call.cache(), call.address(), nowMillis);
			return (held != null) ? new Held(held, holding, this) : null;
		}
		Envelope envelope = operations.get(binding, call.cache(), call.keyId());
		return (envelope != null) ? new Found(envelope, binding, this) : null;
	}

	/**
	 * Reads only the header of an entry of a local tier that streams and requires no signature (the
	 * disk): an input check asks whether the entry is still the very write that was read, which its
	 * header answers, and reading a 4 MB input whole to tell made each hit of a report cost
	 * milliseconds. A header damaged where the version lies reads as another write: a miss.
	 */
	@Override
	public @Nullable Candidate findMetadata(TierBinding binding, Call call, long nowMillis) {
		if (binding.values() != null || binding.tier().shared() || binding.verifier(signer) != null
				|| binding.tier().streaming().isEmpty()) {
			return find(binding, call, nowMillis);
		}
		EnvelopeStreams.Reader reader = operations.openEnvelope(binding, call.cache(), call.keyId(), EnvelopeSigner.none());
		if (reader == null) {
			return null;
		}
		HeaderOnly header = new HeaderOnly(reader.metadata());
		try {
			reader.close();
		}
		catch (IOException ex) {
			// the header was read; only closing failed
		}
		return header;
	}

	/** Whether a result of this JVM for the key is still on its way to the tiers that store bytes. */
	boolean pending(String cache, String key) {
		return writeBehind.pending(cache, key) != null;
	}

	/** Values held as objects are a map lookup, done inline; envelopes come from {@link AsyncTierReads}. */
	@Override
	public CompletableFuture<@Nullable Candidate> findAsync(TierBinding binding, Call call, long nowMillis,
			Executor blockingReads) {
		if (binding.values() != null) {
			return CompletableFuture.completedFuture(find(binding, call, nowMillis));
		}
		return asyncReads.get(binding, call.cache(), call.keyId())
			.thenApply(envelope -> (envelope != null) ? new Found(envelope, binding, this) : null);
	}

	@Override
	public @Nullable Candidate pending(Call call) {
		HeldValue held = writeBehind.pending(call.cache(), call.keyId());
		return (held != null) ? new Held(held, null, this) : null;
	}

	@Override
	public @Nullable CompletableFuture<?> write(List<TierBinding> tiers, Call call, Object storeValue,
			EntryMetadata metadata, Instant now, boolean deferrable) {
		long epoch = deferrable ? operations.epochs().started(call.cache(), call.keyId()) : -1;
		return store(tiers, call, new HeldValue(metadata, storeValue), null, now, epoch);
	}

	/**
	 * Holds a value in the tiers that hold objects, on this thread, and writes it to the others (a
	 * computed result, or an entry read from a farther tier being copied into nearer ones),
	 * encoded once (or as the envelope it was read as): at once when {@code epoch < 0}, else through
	 * the write-behind queues, skipped or withdrawn if an eviction of the key started since
	 * {@code epoch}.
	 * @return completes once every tier has the value; {@code null} when no tier could take it
	 */
	private @Nullable CompletableFuture<?> store(List<TierBinding> targets, Call call, HeldValue held,
			@Nullable Envelope envelope, Instant now, long epoch) {
		List<TierBinding> byteTiers = new ArrayList<>(targets.size());
		boolean inMemory = false;
		for (TierBinding target : targets) {
			Duration ttl = target.storageTtl(held.metadata(), now);
			ValueHolding holding = target.values();
			if (ttl == null) {
				continue;
			}
			if (holding != null) {
				operations.putValue(holding, target, call.cache(), call.address(), held, ttl, now.toEpochMilli());
				inMemory = true;
			}
			else {
				byteTiers.add(target);
			}
		}
		if (byteTiers.isEmpty()) {
			return inMemory ? CompletableFuture.completedFuture(null) : null;
		}
		ValueEncoder.Encoding encoding = encoder.encoding(held.value(), held.metadata(), envelope);
		if (epoch >= 0) {
			return writeBehind.submit(byteTiers, call.cache(), call.keyId(), held,
					binding -> encoding.writeTo(binding, call.cache(), call.keyId()), epoch);
		}
		if (encoding.envelope() == null) {
			return inMemory ? CompletableFuture.completedFuture(null) : null;
		}
		for (TierBinding binding : byteTiers) {
			encoding.writeTo(binding, call.cache(), call.keyId());
		}
		return CompletableFuture.completedFuture(null);
	}

	/** A value held as an object: by a tier, or ({@code holding == null}) pending its deferred writes. */
	private record Held(HeldValue held, @Nullable ValueHolding holding, ValueFormat format) implements Candidate {

		@Override
		public EntryMetadata metadata() {
			return held.metadata();
		}

		@Override
		public boolean writtenAt(Call call) {
			return true; // held under the very key it was put with
		}

		@Override
		public Object value() throws EntryRejectedException {
			if (holding == null || !holding.copiesOnRead()) {
				return held.value();
			}
			try {
				return format.serializer.copy(held.value());
			}
			catch (CodecException ex) {
				throw new EntryRejectedException(MissReason.UNDECODABLE, "no copy: " + ex.getMessage());
			}
		}

		@Override
		public void promote(List<TierBinding> nearer, Call call, Instant now) {
			format.store(nearer, call, held, null, now, -1);
		}

		@Override
		public void promoteAsync(List<TierBinding> nearer, Call call, Instant now, long epoch) {
			format.store(nearer, call, held, null, now, epoch);
		}

	}

	/** A whole envelope read from one tier. */
	private static final class Found implements Candidate {

		private final Envelope envelope;

		private final TierBinding binding;

		private final ValueFormat format;

		private @Nullable Object decoded;

		Found(Envelope envelope, TierBinding binding, ValueFormat format) {
			this.envelope = envelope;
			this.binding = binding;
			this.format = format;
		}

		@Override
		public EntryMetadata metadata() {
			return envelope.metadata();
		}

		@Override
		public boolean authentic() {
			EnvelopeSigner verifier = binding.verifier(format.signer);
			return verifier == null || envelope.signedBy(verifier);
		}

		@Override
		public Object value() throws EntryRejectedException {
			if (!authentic()) {
				throw new EntryRejectedException(MissReason.BAD_SIGNATURE, "no valid signature");
			}
			if (!envelope.nullValue() && !format.serializer.decodes(envelope.codecId())) {
				throw new EntryRejectedException(MissReason.WRONG_TYPE, "written by codec '" + envelope.codecId() + "'");
			}
			try {
				decoded = format.serializer.deserialize(envelope);
				return decoded;
			}
			catch (CodecException ex) {
				throw new EntryRejectedException(MissReason.UNDECODABLE, ex.getMessage());
			}
		}

		@Override
		public void promote(List<TierBinding> nearer, Call call, Instant now) {
			format.store(nearer, call, new HeldValue(envelope.metadata(), decoded), envelope, now, -1);
		}

		@Override
		public void promoteAsync(List<TierBinding> nearer, Call call, Instant now, long epoch) {
			format.store(nearer, call, new HeldValue(envelope.metadata(), decoded), envelope, now, epoch);
		}

	}

	/** An entry whose header alone was read: its metadata answers a check; it has no value to serve. */
	private record HeaderOnly(EntryMetadata metadata) implements Candidate {

		@Override
		public Object value() throws EntryRejectedException {
			throw new EntryRejectedException(MissReason.UNREADABLE, "only its header was read");
		}

		@Override
		public void promote(List<TierBinding> nearer, Call call, Instant now) {
			// nothing read to copy
		}

	}

}
