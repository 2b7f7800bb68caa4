package dev.cachet.autoconfigure;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.cachet.core.cache.TieredCacheManager;

/**
 * Lands the writes still queued for the tiers when the context stops, while the clients they need
 * are still running: Spring stops lifecycle beans such as the Redis connection factory (phase 0)
 * before it destroys beans, so the cache manager's own flush at destruction came too late for a
 * remote tier and lost the writes of the last misses. Its phase stops it after the web server
 * (no more requests computing results) and before the connection factories.
 */
class QueuedWritesDrain implements SmartLifecycle {

	/** Below the web server's stop phases ({@code DEFAULT_PHASE - 2048}), above the connection factories' 0. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger logger = LoggerFactory.getLogger(QueuedWritesDrain.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final TieredCacheManager manager;

	private volatile boolean running;

	QueuedWritesDrain(TieredCacheManager manager) {
		this.manager = manager;
	}

	@Override
	public void start() {
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		try {
			if (!manager.awaitWrites(TIMEOUT)) {
				logger.warn("Cachet could not land the writes queued for its tiers within {} of shutdown", TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
