package dev.cachet.core.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cachet.core.envelope.EntryInputs;

/** Warns, once per cache, that a result read more cached results than an entry can record and was not stored. */
final class TooManyInputs {

	private static final Logger logger = LoggerFactory.getLogger(TooManyInputs.class);

	private static final Set<String> warned = ConcurrentHashMap.newKeySet();

	private TooManyInputs() {
	}

	static void warnOnce(Call call) {
		if (warned.add(call.cache())) {
			logger.warn("A result for cache '{}' was computed from more than {} cached results, more than an entry "
					+ "can record as its inputs; such results are not cached (logged once per cache)", call.cache(),
					EntryInputs.MAX_INPUTS);
		}
	}

}
