package dev.cachet.core.policy;

import java.time.Duration;

/**
 * Max-age and behaviour of one cached call, resolved through the layers
 * global &lt; cache &lt; class &lt; method &lt; call.
 */
public record ResolvedPolicy(LayeredSetting<Duration> maxAge, LayeredSetting<Behaviour> behaviour) {

	/**
	 * Resolves the layers.
	 * @param globalMaxAge   the global default, never {@code null}
	 * @param cacheMaxAge    the cache property, or {@code null}
	 * @param cacheBehaviour the cache behaviour, or {@code null}
	 * @param method         the method's annotations, {@link MethodPolicy#NONE} when unknown
	 * @param call           the per-call options, or {@code null}
	 */
	public static ResolvedPolicy resolve(Duration globalMaxAge, Duration cacheMaxAge, Behaviour cacheBehaviour,
			MethodPolicy method, CallOptions call) {
		Behaviour callBehaviour = (call == null || call.behaviour() == Behaviour.INHERIT) ? null : call.behaviour();
		return new ResolvedPolicy(
				new LayeredSetting<>(globalMaxAge, cacheMaxAge, method.classMaxAge(), method.methodMaxAge(),
						(call != null) ? call.maxAge() : null),
				new LayeredSetting<>(Behaviour.DEFAULT, cacheBehaviour, method.classBehaviour(),
						method.methodBehaviour(), callBehaviour));
	}

	/** The max-age in force. */
	public Duration effectiveMaxAge() {
		return maxAge.value();
	}

	/** The behaviour in force. */
	public Behaviour effectiveBehaviour() {
		return behaviour.value();
	}

}
