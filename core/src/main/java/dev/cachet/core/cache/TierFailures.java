package dev.cachet.core.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a tier's failed calls and logs them: at WARN at most once a minute per tier, at DEBUG
 * otherwise, so an outage does not flood the log.
 */
final class TierFailures {

	private static final Logger logger = LoggerFactory.getLogger(TierOperations.class);

	private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final ConcurrentMap<String, Long> lastWarning = new ConcurrentHashMap<>();

	void failed(TierBinding binding, String operation, Exception ex) {
		binding.statistics().error();
		long now = System.nanoTime();
		boolean[] warn = new boolean[1];
		lastWarning.compute(binding.name(), (name, last) -> {
			warn[0] = last == null || now - last > WARN_INTERVAL_NANOS;
			return warn[0] ? now : last;
		});
		if (warn[0]) {
			logger.warn("Cachet tier '{}' failed to {} ({}); treating it as a miss. Further failures in the next minute "
					+ "are logged at DEBUG.", binding.name(), operation, ex.toString());
		}
		else {
			logger.debug("Cachet tier '{}' failed to {}", binding.name(), operation, ex);
		}
	}

}
