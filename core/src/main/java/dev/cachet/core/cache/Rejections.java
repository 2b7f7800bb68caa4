package dev.cachet.core.cache;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a read does with an entry it found but may not serve: counts a miss of its tier and the
 * reason, and deletes it when it can never be served at its address (off the caller's thread in an
 * asynchronous read). Checks and tentative reads leave it to the entry's own full reads.
 */
final class Rejections {

	private static final Logger logger = LoggerFactory.getLogger(Rejections.class);

	private final String cache;

	private final TierOperations operations;

	private final CacheStatistics statistics;

	private final AsyncTierReads asyncReads;

	Rejections(String cache, CacheRuntime runtime, CacheStatistics statistics) {
		this.cache = cache;
		this.operations = runtime.operations();
		this.statistics = statistics;
		this.asyncReads = runtime.asyncReads();
	}

	void reject(TierBinding binding, ReadState walk, MissReason reason) {
		if (!walk.handlesMisses()) {
			return;
		}
		binding.statistics().miss();
		statistics.reject(reason);
		if (reason.deletes()) {
			binding.statistics().error();
			Runnable delete = () -> operations.evict(List.of(binding), cache, walk.call.keyId(), false);
			if (!walk.async || binding.values() != null) {
				delete.run();
				return;
			}
			try {
				// off the caller's thread; if it cannot be queued, the next read finds the entry and tries again
				asyncReads.executor(binding).execute(delete);
			}
			catch (RejectedExecutionException ex) {
				logger.debug("Deletion of an entry of tier {} in cache '{}' not queued", binding.name(), cache);
			}
		}
	}

}
