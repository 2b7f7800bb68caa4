package dev.cachet.core.policy;

/**
 * A setting as each layer states it: {@code null} where a layer is silent.
 *
 * @param <T> the value type
 */
public record LayeredSetting<T>(T global, T cache, T classLevel, T method, T call) {

	/** The value of the strongest layer that states one. */
	public T value() {
		return valueAt(winner());
	}

	/** The strongest layer that states a value ({@link PolicyLayer#GLOBAL} if none other does). */
	public PolicyLayer winner() {
		if (call != null) {
			return PolicyLayer.CALL;
		}
		if (method != null) {
			return PolicyLayer.METHOD;
		}
		if (classLevel != null) {
			return PolicyLayer.CLASS;
		}
		return (cache != null) ? PolicyLayer.CACHE : PolicyLayer.GLOBAL;
	}

	/** The value of the strongest layer below the call layer that states one. */
	public T valueBelowCall() {
		return new LayeredSetting<>(global, cache, classLevel, method, null).value();
	}

	/** The value one layer states, or {@code null}. */
	public T valueAt(PolicyLayer layer) {
		return switch (layer) {
			case GLOBAL -> global;
			case CACHE -> cache;
			case CLASS -> classLevel;
			case METHOD -> method;
			case CALL -> call;
		};
	}

}
