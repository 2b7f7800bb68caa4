package dev.cachet.core.fingerprint;

/**
 * Application code that a fingerprint needs could not be read (a generated class with no class
 * file resource, a scan that failed): the fingerprint then cannot vouch for the code.
 */
class UnreadableCodeException extends RuntimeException {

	UnreadableCodeException(String message) {
		super(message);
	}

	UnreadableCodeException(String message, Throwable cause) {
		super(message, cause);
	}

}
