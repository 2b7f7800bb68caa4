package dev.cachet.core.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryMetadata;
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

	private @Nullable EntryMetadata metadata;

	/** How long past its expiry the entry was when found. */
	private long pastMillis;

	StaleEntry() {
	}

	/**
	 * Keeps the candidate's value if it is the first within the call's windows and of the reader's
	 * type. Its expiry is its max-age under the call, or the expiry of the first of its inputs if earlier.
	 */
	void offer(ResultFormat.Candidate found, Call call, long nowMillis) {
		long past = nowMillis - found.metadata().expiresAtMillis(call.maxAge());
		if (value != null || call.returnsFile() || past >= call.longestWindow().toMillis()) {
			return;
		}
		try {
			Object candidate = found.value();
			if (candidate == NullValue.INSTANCE || call.valueType().isInstance(candidate)) {
				value = candidate;
				metadata = found.metadata();
				pastMillis = past;
			}
		}
		catch (ResultFormat.EntryRejectedException ex) {
			// not servable at all, stale or not
		}
	}

	/** The store value found, if it is less than {@code window} past its expiry; else {@code null}. */
	@Nullable Object within(Duration window) {
		return (value != null && !window.isZero() && pastMillis < window.toMillis()) ? value : null;
	}

	/** What the entry found records; set once a value was kept. */
	@Nullable EntryMetadata metadata() {
		return metadata;
	}

}
