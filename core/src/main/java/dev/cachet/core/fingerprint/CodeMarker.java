package dev.cachet.core.fingerprint;

/**
 * Structural tokens of a normalized method body that are not instructions.
 */
enum CodeMarker {

	/** A label is placed here; the next token is its {@link LabelRef}. */
	LABEL,

	/** A try/catch block follows: start, end and handler labels, then the caught type. */
	TRY_CATCH,

	/** The catch-all of a try/finally block (no caught type). */
	ANY_EXCEPTION

}
