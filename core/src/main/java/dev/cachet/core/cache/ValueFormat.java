package dev.cachet.core.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.codec.CodecException;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.EnvelopeSigner;

/** Results as encoded values: one whole envelope per entry, the same bytes in every tier. */
final class ValueFormat implements ResultFormat {

	private static final Logger logger = LoggerFactory.getLogger(ValueFormat.class);

	/** Bounds the memory of which methods were warned about; past it, failures log at DEBUG only. */
	private static final int MAX_WARNED_METHODS = 10_000;

	private final Set<String> warnedMethods = ConcurrentHashMap.newKeySet();

	private final EntrySerializer serializer;

	private final TierOperations operations;

	private final EnvelopeSigner signer;

	ValueFormat(EntrySerializer serializer, TierOperations operations, EnvelopeSigner signer) {
		this.serializer = serializer;
		this.operations = operations;
		this.signer = signer;
	}

	@Override
	public @Nullable Candidate find(TierBinding binding, Call call) {
		Envelope envelope = operations.get(binding, call.cache(), call.keyId());
		return (envelope != null) ? new Found(envelope, binding, call, this) : null;
	}

	@Override
	public boolean write(List<TierBinding> tiers, Call call, Object storeValue, EntryMetadata metadata, Instant now) {
		Envelope envelope;
		try {
			envelope = serializer.serialize(storeValue, metadata, signer);
		}
		catch (CodecException ex) {
			// values and codec messages may hold argument data: details only at DEBUG; once per method at WARN
			String method = describe(metadata);
			if (this.warnedMethods.size() < MAX_WARNED_METHODS && this.warnedMethods.add(method)) {
				logger.warn("Results of {} are not cached: they could not be encoded ({}); further failures of this "
						+ "method are logged at DEBUG", method, rootCause(ex).getClass().getName());
			}
			logger.debug("Encoding failure of {}", method, ex);
			return false;
		}
		for (TierBinding binding : tiers) {
			Duration ttl = binding.storageTtl(metadata, now);
			if (ttl != null) {
				operations.put(binding, call.cache(), call.keyId(), envelope, ttl);
			}
		}
		return true;
	}

	private static String describe(EntryMetadata metadata) {
		return metadata.methodId().isEmpty() ? "a programmatic put" : metadata.methodId();
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	/** A whole envelope read from one tier. */
	private record Found(Envelope envelope, TierBinding binding, Call call, ValueFormat format) implements Candidate {

		@Override
		public EntryMetadata metadata() {
			return envelope.metadata();
		}

		@Override
		public Object value() throws EntryRejectedException {
			EnvelopeSigner verifier = binding.verifier(format.signer);
			if (verifier != null && !envelope.signedBy(verifier)) {
				throw new EntryRejectedException(MissReason.BAD_SIGNATURE, "no valid signature");
			}
			if (!envelope.nullValue() && !format.serializer.decodes(envelope.codecId())) {
				throw new EntryRejectedException(MissReason.WRONG_TYPE, "written by codec '" + envelope.codecId() + "'");
			}
			try {
				return format.serializer.deserialize(envelope);
			}
			catch (CodecException ex) {
				throw new EntryRejectedException(MissReason.UNDECODABLE, ex.getMessage());
			}
		}

		@Override
		public void promote(List<TierBinding> nearer, Instant now) {
			for (TierBinding target : nearer) {
				Duration ttl = target.storageTtl(envelope.metadata(), now);
				if (ttl != null) {
					format.operations.put(target, call.cache(), call.keyId(), envelope, ttl);
				}
			}
		}

	}

}
