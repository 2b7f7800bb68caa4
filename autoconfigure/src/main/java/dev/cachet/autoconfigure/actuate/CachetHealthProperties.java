package dev.cachet.autoconfigure.actuate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Health reporting of Cachet's tiers, under {@code cachet.health.*}. */
@ConfigurationProperties("cachet.health")
public class CachetHealthProperties {

	/**
	 * Whether a failing tier (an unreachable Redis or S3, a vanished disk folder) reports DOWN and so
	 * takes the application's overall health DOWN. When false, it reports DEGRADED, which the overall
	 * status ignores: a failing tier only makes calls miss.
	 */
	private boolean affectsStatus = false;

	public boolean isAffectsStatus() {
		return affectsStatus;
	}

	public void setAffectsStatus(boolean affectsStatus) {
		this.affectsStatus = affectsStatus;
	}

}
