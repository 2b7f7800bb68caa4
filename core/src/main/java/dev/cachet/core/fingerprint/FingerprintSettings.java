package dev.cachet.core.fingerprint;

import java.util.List;

/**
 * How code fingerprints are computed.
 *
 * @param packages         the application's own packages: calls into them are followed, as into
 *                         class directories and {@code -SNAPSHOT} jars; calls elsewhere count as
 *                         library calls
 * @param includeLibraries whether the identity of each library called (Maven coordinates, else its
 *                         file name and manifest version; with a digest of its entries) and of the
 *                         libraries it depends on is part of the fingerprint
 * @param salt             a global string mixed into every fingerprint; change it to disown all
 *                         results at once; empty for none
 */
public record FingerprintSettings(List<String> packages, boolean includeLibraries, String salt) {

	public FingerprintSettings {
		packages = List.copyOf(packages);
		salt = salt == null ? "" : salt;
	}

}
