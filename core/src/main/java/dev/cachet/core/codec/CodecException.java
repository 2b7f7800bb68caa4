package dev.cachet.core.codec;

/** A value could not be encoded or decoded, or named a class outside the allowlist. */
public class CodecException extends Exception {

	public CodecException(String message) {
		super(message);
	}

	public CodecException(String message, Throwable cause) {
		super(message, cause);
	}

}
