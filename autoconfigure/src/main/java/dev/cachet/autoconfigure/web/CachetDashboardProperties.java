package dev.cachet.autoconfigure.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The dashboard page, under {@code cachet.dashboard.*}. */
@ConfigurationProperties("cachet.dashboard")
public class CachetDashboardProperties {

	/**
	 * Whether to serve a small HTML dashboard that reads the cachet Actuator endpoint (which must
	 * be exposed over HTTP on the application's own port).
	 */
	private boolean enabled = false;

	/** Path of the dashboard page. */
	private String path = "/cachet-dashboard";

	public boolean isEnabled() {
		return enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return path;
	}

	public void setPath(String path) {
		this.path = path;
	}

}
