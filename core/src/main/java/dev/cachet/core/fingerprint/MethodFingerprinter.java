package dev.cachet.core.fingerprint;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * Computes code fingerprints from the original class bytes of application classes.
 * TODO(issue 3): ASM-based implementation; this placeholder hashes the method's signature only.
 */
public class MethodFingerprinter {

	private final FingerprintSettings settings;

	public MethodFingerprinter(FingerprintSettings settings) {
		this.settings = settings;
	}

	/**
	 * Fingerprints {@code method}, already resolved to the most specific, non-bridge method of the
	 * user class {@code userClass} (no proxy classes). Memoized: cheap after the first call.
	 */
	public MethodFingerprint fingerprint(Class<?> userClass, Method method) {
		String hash = Long.toHexString(method.toGenericString().hashCode() * 31L + settings.salt().hashCode());
		return new MethodFingerprint(hash, Map.of());
	}

}
