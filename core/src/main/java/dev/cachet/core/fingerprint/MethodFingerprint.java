package dev.cachet.core.fingerprint;

import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint of a cached method.
 *
 * @param hash       32 lowercase hex characters (128 bits) over the method and everything it reaches
 * @param components what the hash is made of, used to explain a change: each reached application
 *                   method by method id ({@code com.acme.Svc#load(java.lang.String)}) with the hash
 *                   of its own body; {@code library <name>} with its version and content digest;
 *                   {@code config <property>} with a hash of the value (never the value);
 *                   {@code wiring <Class.field>} with the class it holds; {@code version ...} and
 *                   {@code salt}
 */
public record MethodFingerprint(String hash, Map<String, String> components) {

	public MethodFingerprint {
		components = Map.copyOf(components);
	}

	/** The reached application methods, by method id, with the hash of each one's own body. */
	public Map<String, String> methods() {
		Map<String, String> methods = new TreeMap<>();
		this.components.forEach((name, value) -> {
			if (FingerprintComponents.isMethod(name)) {
				methods.put(name, value);
			}
		});
		return methods;
	}

}
