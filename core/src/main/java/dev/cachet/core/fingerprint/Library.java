package dev.cachet.core.fingerprint;

/**
 * A library as a fingerprint sees it. Every part comes from the jar's content and name, never from
 * its place on disk, so a jar nested in an executable jar, the same jar on a plain class path and
 * the same jar extracted next to the application give the same identity.
 *
 * @param name    {@code groupId:artifactId} from the jar's Maven metadata; else its file name
 *                without the version; else its manifest's module name, symbolic name or title
 * @param version the version from the same source, empty when none is known
 * @param digest  a hash of the jar's entry names and their CRCs, empty for the JDK; notices a jar
 *                rebuilt under the same version
 */
record Library(String name, String version, String digest) {

	static final Library JDK = new Library("jdk", Integer.toString(Runtime.version().feature()), "");

	/** The component's value: the version, then the digest; see {@link FingerprintChange}. */
	String componentValue() {
		return this.digest.isEmpty() ? this.version : this.version + " " + this.digest;
	}

}
