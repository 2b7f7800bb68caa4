package dev.cachet.autoconfigure.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Micrometer meters of Cachet, under {@code cachet.metrics.*}. */
@ConfigurationProperties("cachet.metrics")
public class CachetMetricsProperties {

	/**
	 * Whether the cachet.tier.latency timers publish a percentile histogram (buckets a backend such
	 * as Prometheus turns into p50/p95/p99). Off by default: it adds about 70 series per tier.
	 */
	private boolean latencyHistogram = false;

	public boolean isLatencyHistogram() {
		return latencyHistogram;
	}

	public void setLatencyHistogram(boolean latencyHistogram) {
		this.latencyHistogram = latencyHistogram;
	}

}
