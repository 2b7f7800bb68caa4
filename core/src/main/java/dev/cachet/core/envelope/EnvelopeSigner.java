package dev.cachet.core.envelope;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs envelopes with HMAC-SHA256 so that a writer to a shared store without the key cannot choose
 * what the application reads. The first key signs; every key verifies, so keys can be rotated by
 * adding the new one first and removing the old one later. Keys never leave this object: its
 * {@link #toString()} names only how many there are.
 */
public final class EnvelopeSigner {

	/** Length of a signature in an envelope. */
	public static final int SIGNATURE_LENGTH = 32;

	private static final String ALGORITHM = "HmacSHA256";

	private static final EnvelopeSigner NONE = new EnvelopeSigner(List.of());

	private final List<SecretKeySpec> keys;

	/** Keyed MACs per thread, first key first: creating one costs microseconds, a hit should not pay that. */
	private final ThreadLocal<List<Mac>> macs;

	private EnvelopeSigner(List<SecretKeySpec> keys) {
		this.keys = keys;
		this.macs = ThreadLocal.withInitial(() -> keys.stream().map(EnvelopeSigner::mac).toList());
	}

	/** A signer that signs nothing and verifies nothing. */
	public static EnvelopeSigner none() {
		return NONE;
	}

	/**
	 * A signer over secret keys, the first of which signs.
	 * @throws IllegalArgumentException if a key is shorter than 16 bytes
	 */
	public static EnvelopeSigner of(List<byte[]> secrets) {
		List<SecretKeySpec> keys = new ArrayList<>();
		for (byte[] secret : secrets) {
			if (secret.length < 16) {
				throw new IllegalArgumentException("a signing key must have at least 16 bytes, one has " + secret.length);
			}
			keys.add(new SecretKeySpec(secret, ALGORITHM));
		}
		return keys.isEmpty() ? NONE : new EnvelopeSigner(List.copyOf(keys));
	}

	/** Whether this signer has keys. */
	public boolean enabled() {
		return !keys.isEmpty();
	}

	/** A new MAC keyed with the signing key, for a stream that signs as it goes. */
	Mac signingMac() {
		return mac(keys.get(0));
	}

	/** The signature of {@code data[offset, offset + length)} under the signing key. */
	byte[] sign(byte[] data, int offset, int length) {
		Mac mac = macs.get().get(0);
		mac.update(data, offset, length);
		return mac.doFinal();
	}

	/** One MAC per key, for verifying a streamed envelope. */
	List<Mac> verifyingMacs() {
		return keys.stream().map(EnvelopeSigner::mac).toList();
	}

	/** Whether {@code signature} is the signature of {@code data[offset, offset + length)} under any key. */
	boolean verifies(byte[] data, int offset, int length, byte[] signature) {
		for (Mac mac : macs.get()) {
			mac.update(data, offset, length);
			if (MessageDigest.isEqual(mac.doFinal(), signature)) {
				return true;
			}
		}
		return false;
	}

	private static Mac mac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	}

	@Override
	public String toString() {
		return "EnvelopeSigner[" + keys.size() + " key(s)]";
	}

}
