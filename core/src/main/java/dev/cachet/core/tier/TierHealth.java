package dev.cachet.core.tier;

/**
 * Health of a tier as reported to Actuator.
 *
 * @param state  up, down, circuit-open or read-only
 * @param detail a short human-readable reason, never containing credentials; may be empty
 */
public record TierHealth(State state, String detail) {

	/** Tier states. */
	public enum State {
		/** Serving reads and writes. */
		UP,
		/** Failing; calls are misses. */
		DOWN,
		/** Skipped after repeated failures until a probe succeeds. */
		CIRCUIT_OPEN,
		/** Serving what it holds, but not storing: writes fail or are refused (a full disk). */
		READ_ONLY
	}

	public static TierHealth up() {
		return new TierHealth(State.UP, "");
	}

	public static TierHealth down(String detail) {
		return new TierHealth(State.DOWN, detail);
	}

	public static TierHealth readOnly(String detail) {
		return new TierHealth(State.READ_ONLY, detail);
	}

}
