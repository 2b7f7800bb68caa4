package dev.cachet.core.key;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Where an entry lives within a cache: a 128-bit hash of the key as Spring means it, printed as 32
 * lowercase hex characters where a tier needs text (a file name, a Redis key, an S3 object key).
 * It never contains argument values, and it does not depend on the method that made it, so
 * {@code @CacheEvict} and {@code @CachePut} on sibling methods reach the entries of
 * {@code @Cacheable} ones exactly as with Spring's own caches. Which method may read an entry is
 * decided from the envelope, not from the address.
 *
 * <p>The two halves of the hash are the identity: the memory tier is keyed by them, and the text
 * form is made only when a tier asks for it.
 */
public final class CachetKey {

	private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

	private final long high;

	private final long low;

	/** The text form: given for ids that are not 32 hex characters, else made on first use. */
	private @Nullable String id;

	/** Whether the id is not a hash's hex form and stands for itself. */
	private final boolean verbatim;

	private final boolean cacheable;

	private CachetKey(long high, long low, @Nullable String id, boolean verbatim, boolean cacheable) {
		this.high = high;
		this.low = low;
		this.id = id;
		this.verbatim = verbatim;
		this.cacheable = cacheable;
	}

	/** The address of a 128-bit hash. */
	public static CachetKey of(long high, long low) {
		return new CachetKey(high, low, null, false, true);
	}

	/**
	 * The address with this id: 32 lowercase hex characters are read as the hash they print (so the
	 * same address whether it came from a hash or from a tier's listing); any other id stands for
	 * itself.
	 */
	public static CachetKey of(String id) {
		if (id.length() == 32 && isLowerHex(id)) {
			return new CachetKey(HexFormat.fromHexDigitsToLong(id, 0, 16), HexFormat.fromHexDigitsToLong(id, 16, 32), id,
					false, true);
		}
		return new CachetKey(id.hashCode(), 0, id, true, true);
	}

	/**
	 * The key of a call whose key cannot be hashed: the call runs uncached. Each one equals only
	 * itself, so nothing can be shared through it.
	 */
	public static CachetKey uncacheable() {
		return new CachetKey(0, 0, "uncacheable", true, false);
	}

	/** The text form, as tiers store it. */
	public String id() {
		String text = this.id;
		if (text == null) {
			// racy but idempotent: every thread computes the same string; one Latin-1 array, no concatenation
			byte[] digits = new byte[32];
			hex(high, digits, 0);
			hex(low, digits, 16);
			text = new String(digits, StandardCharsets.ISO_8859_1);
			this.id = text;
		}
		return text;
	}

	/** Whether the call may read or write the cache. */
	public boolean cacheable() {
		return cacheable;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof CachetKey key) || !cacheable || !key.cacheable || high != key.high || low != key.low) {
			return false;
		}
		return verbatim == key.verbatim && (!verbatim || id().equals(key.id()));
	}

	@Override
	public int hashCode() {
		return Long.hashCode(high * 31 + low);
	}

	@Override
	public String toString() {
		return id();
	}

	private static void hex(long value, byte[] digits, int offset) {
		for (int i = 15; i >= 0; i--) {
			digits[offset + i] = DIGITS[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

	private static boolean isLowerHex(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

}
