package dev.cachet.core.policy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Max-age, behaviour and stale windows of one cached call, resolved through the layers
 * global &lt; cache &lt; class &lt; method &lt; call.
 */
public record ResolvedPolicy(LayeredSetting<Duration> maxAge, LayeredSetting<Behaviour> behaviour,
		LayeredSetting<Duration> staleWhileRevalidate, LayeredSetting<Duration> staleIfError) {

	/** Resolves max-age and behaviour; no layer states a stale window. */
	public static ResolvedPolicy resolve(Duration globalMaxAge, @Nullable Duration cacheMaxAge,
			@Nullable Behaviour cacheBehaviour, MethodPolicy method, @Nullable CallOptions call) {
		return resolve(globalMaxAge, cacheMaxAge, cacheBehaviour, StaleWindows.NONE, StaleWindows.NONE, method, call);
	}

	/**
	 * Resolves the layers.
	 * @param globalMaxAge   the global default, never {@code null}
	 * @param cacheMaxAge    the cache property, or {@code null}
	 * @param cacheBehaviour the cache behaviour, or {@code null}
	 * @param globalWindows  the global stale windows; silent ones are off (zero)
	 * @param cacheWindows   the cache's stale windows
	 * @param method         the method's annotations, {@link MethodPolicy#NONE} when unknown
	 * @param call           the per-call options, or {@code null}
	 */
	public static ResolvedPolicy resolve(Duration globalMaxAge, @Nullable Duration cacheMaxAge,
			@Nullable Behaviour cacheBehaviour, StaleWindows globalWindows, StaleWindows cacheWindows,
			MethodPolicy method, @Nullable CallOptions call) {
		Behaviour callBehaviour = (call == null || call.behaviour() == Behaviour.INHERIT) ? null : call.behaviour();
		StaleWindows callWindows = (call != null) ? call.windows() : StaleWindows.NONE;
		return new ResolvedPolicy(
				new LayeredSetting<>(globalMaxAge, cacheMaxAge, method.classMaxAge(), method.methodMaxAge(),
						(call != null) ? call.maxAge() : null),
				new LayeredSetting<>(Behaviour.DEFAULT, cacheBehaviour, method.classBehaviour(),
						method.methodBehaviour(), callBehaviour),
				new LayeredSetting<>(orZero(globalWindows.whileRevalidate()), cacheWindows.whileRevalidate(),
						method.classWindows().whileRevalidate(), method.methodWindows().whileRevalidate(),
						callWindows.whileRevalidate()),
				new LayeredSetting<>(orZero(globalWindows.ifError()), cacheWindows.ifError(),
						method.classWindows().ifError(), method.methodWindows().ifError(), callWindows.ifError()));
	}

	private static Duration orZero(@Nullable Duration window) {
		return (window != null) ? window : Duration.ZERO;
	}

	/** The max-age in force. */
	public Duration effectiveMaxAge() {
		return maxAge.value();
	}

	/** The behaviour in force. */
	public Behaviour effectiveBehaviour() {
		return behaviour.value();
	}

	/**
	 * The larger stale window of the layers below the call layer: tiers keep an entry for its max-age
	 * plus this, so a per-call window (or a request's {@code Cache-Control}) only reaches entries
	 * the tiers still hold and never makes them keep entries longer.
	 */
	public Duration storageWindow() {
		Duration whileRevalidate = staleWhileRevalidate.valueBelowCall();
		Duration ifError = staleIfError.valueBelowCall();
		return (whileRevalidate.compareTo(ifError) >= 0) ? whileRevalidate : ifError;
	}

	/** The stale-while-revalidate window in force; zero when off. */
	public Duration effectiveStaleWhileRevalidate() {
		return staleWhileRevalidate.value();
	}

	/** The stale-if-error window in force; zero when off. */
	public Duration effectiveStaleIfError() {
		return staleIfError.value();
	}

}
