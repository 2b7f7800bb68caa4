package dev.cachet.backend.redis;

/**
 * How long a Redis call may take.
 *
 * @param budgetNanos        the time budget of one call ({@code cachet.redis.timeout})
 * @param answerTimeoutNanos how long the server may leave a command unanswered before it counts
 *                           against the circuit; also the longest any caller waits, however long
 *                           this JVM stalls. Never below the budget.
 */
record CallTiming(long budgetNanos, long answerTimeoutNanos) {

	CallTiming {
		if (budgetNanos <= 0) {
			throw new IllegalArgumentException("the time budget must be positive");
		}
		answerTimeoutNanos = Math.max(answerTimeoutNanos, budgetNanos);
	}

	/** How long a call may run when this JVM was stalled for {@code stalledNanos} while it ran. */
	long allowedNanos(long stalledNanos) {
		return Math.min(this.answerTimeoutNanos, this.budgetNanos + Math.max(0, stalledNanos));
	}

}
