package dev.cachet.autoconfigure.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How Cachet reads HTTP requests, under {@code cachet.web.*}. */
@ConfigurationProperties("cachet.web")
public class CachetWebProperties {

	/**
	 * Whether a request's Cache-Control header applies to the cached calls made while serving it:
	 * max-age=N reads only entries younger than N seconds, no-cache and max-age=0 recompute.
	 * Off by default: it lets any client force recomputation.
	 */
	private boolean honorCacheControl = false;

	public boolean isHonorCacheControl() {
		return honorCacheControl;
	}

	public void setHonorCacheControl(boolean honorCacheControl) {
		this.honorCacheControl = honorCacheControl;
	}

}
