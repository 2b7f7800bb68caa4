package dev.cachet.core.hash;

/**
 * An argument whose value Cachet cannot encode canonically (a stream, a connection, an object with
 * no state). The call then runs uncached: a guessed key could serve a wrong result.
 */
public class UnsupportedArgumentException extends Exception {

	private final Class<?> type;

	public UnsupportedArgumentException(Class<?> type, String reason) {
		super("Cannot hash " + (type != null ? type.getName() : "value") + ": " + reason);
		this.type = type;
	}

	/** The offending type, or {@code null} when unknown. */
	public Class<?> type() {
		return type;
	}

}
