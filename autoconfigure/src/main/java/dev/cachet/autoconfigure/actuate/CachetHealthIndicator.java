package dev.cachet.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code cachet} health component: every configured tier under the {@code tiers} detail, in
 * the cache manager's order, and the worst of their statuses ({@code DOWN}, then
 * {@link TierHealthIndicator#DEGRADED}, then {@code UP}) as its own.
 * <p>
 * An indicator rather than a composite of one contributor per tier: Boot computes a composite's
 * status with the same status aggregator as the application's, and that aggregator ignores codes it
 * does not rank. A composite would so read {@code UNKNOWN} above a lone {@code DEGRADED} tier, and
 * {@code UP} next to a healthy disk; ranking {@code DEGRADED} would fix that only by changing the
 * application's status too. An indicator states its own status, which the application's
 * aggregation then ignores as before.
 */
class CachetHealthIndicator implements HealthIndicator {

	private static final List<Status> WORST_FIRST = List.of(Status.DOWN, TierHealthIndicator.DEGRADED, Status.UP);

	private final List<TierHealthIndicator> tiers;

	CachetHealthIndicator(List<TierHealthIndicator> tiers) {
		this.tiers = List.copyOf(tiers);
	}

	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		Status worst = Status.UP;
		for (TierHealthIndicator tier : tiers) {
			Health health = tier.health();
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("status", health.getStatus().getCode());
			entry.putAll(health.getDetails());
			details.put(tier.name(), entry);
			if (rank(health.getStatus()) < rank(worst)) {
				worst = health.getStatus();
			}
		}
		return Health.status(worst).withDetail("tiers", details).build();
	}

	private static int rank(Status status) {
		int rank = WORST_FIRST.indexOf(status);
		return (rank >= 0) ? rank : WORST_FIRST.size();
	}

}
