package dev.cachet.autoconfigure.actuate;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import dev.cachet.core.cache.TierBinding;
import dev.cachet.core.tier.TierHealth;

/**
 * Health of one tier, an entry of the {@code cachet} component ({@link CachetHealthIndicator}). A
 * failing tier only makes calls miss, so by default it reports {@link #DEGRADED} rather than
 * {@code DOWN}: Boot's status aggregation ignores codes it does not rank, and the application's
 * overall status stays as it is. With {@code cachet.health.affects-status=true} it reports
 * {@code DOWN}.
 */
class TierHealthIndicator implements HealthIndicator {

	/** Status of a failing tier that does not take the application down. */
	static final Status DEGRADED = new Status("DEGRADED", "Cache tier unavailable; its calls are misses");

	private final TierBinding binding;

	private final boolean affectsStatus;

	TierHealthIndicator(TierBinding binding, boolean affectsStatus) {
		this.binding = binding;
		this.affectsStatus = affectsStatus;
	}

	/** The tier's name in {@code cachet.tiers}. */
	String name() {
		return binding.name();
	}

	@Override
	public Health health() {
		TierHealth health;
		try {
			health = binding.tier().health();
		}
		catch (RuntimeException ex) {
			health = TierHealth.down(ex.getClass().getSimpleName());
		}
		Health.Builder builder = (health.state() == TierHealth.State.UP) ? Health.up()
				: Health.status(affectsStatus ? Status.DOWN : DEGRADED);
		builder.withDetail("type", binding.tier().type())
			.withDetail("location", binding.tier().location())
			.withDetail("state", health.state().name())
			.withDetail("errors", binding.statistics().errors());
		if (!health.detail().isEmpty()) {
			builder.withDetail("detail", health.detail());
		}
		return builder.build();
	}

}
