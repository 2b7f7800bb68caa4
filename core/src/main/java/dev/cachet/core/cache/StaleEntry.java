package dev.cachet.core.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.support.NullValue;

/**
 * The nearest entry one read found past the call's max-age but within its larger stale window.
 * {@link TierChain} offers it only entries {@link EntryValidity} rejected as
 * {@link MissReason#STALE}, which it judges last: such an entry was written at the call's address,
 * its tier is trusted and its producer's code is unchanged. An entry rejected for any other reason
 * (a changed fingerprint, another producer) is never offered, so never served stale.
 */
public final class StaleEntry {

	private @Nullable Object value;

	private long ageMillis;

	StaleEntry() {
	}

	/** Keeps the candidate's value if it is the first within the call's windows and of the reader's type. */
	void offer(ResultFormat.Candidate found, Call call, long nowMillis) {
		long age = nowMillis - found.metadata().createdAt().toEpochMilli();
		if (value != null || call.returnsFile() || age >= call.maxAge().plus(call.longestWindow()).toMillis()) {
			return;
		}
		try {
			Object candidate = found.value();
			if (candidate == NullValue.INSTANCE || call.valueType().isInstance(candidate)) {
				value = candidate;
				ageMillis = age;
			}
		}
		catch (ResultFormat.EntryRejectedException ex) {
			// not servable at all, stale or not
		}
	}

	/** The store value found, if it is less than {@code window} past {@code maxAge}; else {@code null}. */
	@Nullable Object within(Duration maxAge, Duration window) {
		return (value != null && !window.isZero() && ageMillis < maxAge.plus(window).toMillis()) ? value : null;
	}

}
