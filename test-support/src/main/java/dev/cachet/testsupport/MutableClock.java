package dev.cachet.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand, so expiries and cool-downs pass without waiting. */
public final class MutableClock extends Clock {

	private volatile Instant now;

	/** A clock at 2026-01-01T00:00:00Z. */
	public MutableClock() {
		this(Instant.parse("2026-01-01T00:00:00Z"));
	}

	public MutableClock(Instant start) {
		this.now = start;
	}

	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
