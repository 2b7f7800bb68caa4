package dev.cachet.core.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.codec.CodecException;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.envelope.EnvelopeSigner;

/**
 * Encodes values into envelopes for the tiers that store bytes, at most once per write or copy,
 * and warns once per method about results that cannot be encoded (only a memory tier keeps them).
 */
final class ValueEncoder {

	// logged under the format's name, where users met these warnings before
	private static final Logger logger = LoggerFactory.getLogger(ValueFormat.class);

	/** Bounds the memory of which methods were warned about; past it, failures log at DEBUG only. */
	private static final int MAX_WARNED_METHODS = 10_000;

	private final Set<String> warnedMethods = ConcurrentHashMap.newKeySet();

	private final EntrySerializer serializer;

	private final EnvelopeSigner signer;

	private final TierOperations operations;

	private final Clock clock;

	ValueEncoder(EntrySerializer serializer, EnvelopeSigner signer, TierOperations operations, Clock clock) {
		this.serializer = serializer;
		this.signer = signer;
		this.operations = operations;
		this.clock = clock;
	}

	/**
	 * One result's envelope, encoded on first use.
	 * @param encoded the value's envelope when it was read as one, or {@code null}
	 */
	Encoding encoding(Object storeValue, EntryMetadata metadata, @Nullable Envelope encoded) {
		return new Encoding(storeValue, metadata, encoded);
	}

	/** One result's envelope, encoded on first use, shared by the writes to every tier. */
	final class Encoding {

		private final Object storeValue;

		private final EntryMetadata metadata;

		private boolean done;

		private @Nullable Envelope envelope;

		Encoding(Object storeValue, EntryMetadata metadata, @Nullable Envelope encoded) {
			this.storeValue = storeValue;
			this.metadata = metadata;
			this.envelope = encoded;
			this.done = encoded != null;
		}

		synchronized @Nullable Envelope envelope() {
			if (!done) {
				done = true;
				envelope = encode(storeValue, metadata);
			}
			return envelope;
		}

		void writeTo(TierBinding binding, String cache, String key) {
			Envelope encoded = envelope();
			Duration ttl = (encoded != null) ? binding.storageTtl(metadata, clock.instant()) : null;
			if (ttl != null) {
				operations.put(binding, cache, key, encoded, ttl);
			}
		}

	}

	private @Nullable Envelope encode(Object storeValue, EntryMetadata metadata) {
		try {
			return serializer.serialize(storeValue, metadata, signer);
		}
		catch (CodecException ex) {
			// values and codec messages may hold argument data: details only at DEBUG; once per method at WARN
			String method = describe(metadata);
			if (this.warnedMethods.size() < MAX_WARNED_METHODS && this.warnedMethods.add(method)) {
				logger.warn("Results of {} could not be encoded ({}): only a memory tier keeps them; further "
						+ "failures of this method are logged at DEBUG", method, rootCause(ex).getClass().getName());
			}
			logger.debug("Encoding failure of {}", method, ex);
			return null;
		}
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

}
