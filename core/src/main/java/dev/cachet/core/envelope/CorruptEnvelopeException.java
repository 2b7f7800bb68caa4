package dev.cachet.core.envelope;

/** Bytes that are not an intact Cachet envelope: wrong magic, unknown version, truncated or bad checksum. */
public class CorruptEnvelopeException extends Exception {

	public CorruptEnvelopeException(String message) {
		super(message);
	}

}
