package dev.cachet.core.fingerprint;

/**
 * The names of what a fingerprint is made of, besides the reached methods (named by method id):
 * each a prefix followed by what it names.
 */
final class FingerprintComponents {

	/** A library the code runs: {@code library org.apache.commons:commons-lang3}. */
	static final String LIBRARY = "library ";

	/** A configuration value, by property name: {@code config pricing.rate}. */
	static final String CONFIG = "config ";

	/** What a field of a reached object holds: {@code wiring com.acme.PriceService.converter}. */
	static final String WIRING = "wiring ";

	/** A {@link CacheCodeVersion}: {@code version method}, {@code version class}. */
	static final String VERSION = "version ";

	/** The global salt. */
	static final String SALT = "salt";

	private FingerprintComponents() {
	}

	static boolean isMethod(String component) {
		return !component.startsWith(LIBRARY) && !component.startsWith(CONFIG) && !component.startsWith(WIRING)
				&& !component.startsWith(VERSION) && !component.equals(SALT);
	}

}
