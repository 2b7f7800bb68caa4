package dev.cachet.core.fingerprint;

import java.util.List;

/**
 * How code fingerprints are computed.
 *
 * @param packages         the application's own packages: calls into them are followed, calls
 *                         elsewhere count as library calls
 * @param includeLibraries whether the identity (Maven coordinates and version, else jar hash) of
 *                         each library called is part of the fingerprint
 * @param salt             a global string mixed into every fingerprint; change it to disown all
 *                         results at once; empty for none
 */
public record FingerprintSettings(List<String> packages, boolean includeLibraries, String salt) {

	public FingerprintSettings {
		packages = List.copyOf(packages);
		salt = salt == null ? "" : salt;
	}

}
