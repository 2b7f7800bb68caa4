package dev.cachet.core.key;

import dev.cachet.core.hash.ArgumentSink;
import dev.cachet.core.hash.UnsupportedArgumentException;

/**
 * Adds an input that is neither code nor an argument, such as the current tenant or locale, to
 * every Cachet key. Register one as a bean; contributors run in bean order on every keyed call.
 */
public interface KeyContributor {

	/** A stable name, written before the contribution so two contributors never alias. */
	String name();

	/** Writes the current context value. */
	void contribute(ArgumentSink sink) throws UnsupportedArgumentException;

}
