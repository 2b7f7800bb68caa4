package dev.cachet.core.fingerprint;

import java.util.Map;

/**
 * The code fingerprint of a cached method.
 *
 * @param hash    32 lowercase hex characters (128 bits) over the method and everything it reaches
 * @param reached each application method reached (including the method itself), by method id
 *                ({@code com.acme.Svc#load(java.lang.String)}), with the hash of its own body;
 *                used to explain which one changed when {@code hash} does
 */
public record MethodFingerprint(String hash, Map<String, String> reached) {

	public MethodFingerprint {
		reached = Map.copyOf(reached);
	}

}
