package dev.cachet.autoconfigure;

import java.time.Duration;

import dev.cachet.core.tier.CacheTier;

/**
 * A tier offered to Cachet's cache manager under a name used in {@code cachet.tiers}. Each backend's
 * configuration contributes one bean of this type.
 *
 * @param name       the name in {@code cachet.tiers}
 * @param tier       the tier
 * @param storageCap longest time the tier keeps an entry ({@code cachet.<tier>.max-age}), or {@code null}
 */
public record TierRegistration(String name, CacheTier tier, Duration storageCap) implements AutoCloseable {

	/** Closes the tier when the application context closes. */
	@Override
	public void close() throws Exception {
		tier.close();
	}

}
