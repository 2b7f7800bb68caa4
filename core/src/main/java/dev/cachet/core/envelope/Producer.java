package dev.cachet.core.envelope;

/**
 * Who wrote an entry, as its envelope records it: the kind of write, and for an annotated method its
 * id and the code fingerprint it had then. Whether an entry may be served is decided against this.
 *
 * @param kind        how the entry was written
 * @param methodId    the method ({@code com.acme.Svc#load(java.lang.String)}), empty for {@link Kind#PROGRAMMATIC}
 * @param fingerprint the method's code fingerprint when it wrote, empty for {@link Kind#PROGRAMMATIC}
 */
public record Producer(Kind kind, String methodId, String fingerprint) {

	/** An entry written through the plain {@link org.springframework.cache.Cache} API, by no known method. */
	public static final Producer PROGRAMMATIC = new Producer(Kind.PROGRAMMATIC, "", "");

	public Producer {
		if (kind == null || methodId == null || fingerprint == null) {
			throw new IllegalArgumentException("Producer fields must not be null");
		}
	}

	/** How an entry was written. */
	public enum Kind {

		/** {@code cache.put(key, value)} from application code: any reader may take it. */
		PROGRAMMATIC,

		/** The result of a {@code @Cacheable} method: served to that method only. */
		CACHEABLE,

		/** The result of a {@code @CachePut} method: served to every reader of the cache. */
		PUT;

		static Kind of(int code) throws CorruptEnvelopeException {
			Kind[] kinds = values();
			if (code < 0 || code >= kinds.length) {
				throw new CorruptEnvelopeException("unknown producer kind " + code);
			}
			return kinds[code];
		}

	}

}
