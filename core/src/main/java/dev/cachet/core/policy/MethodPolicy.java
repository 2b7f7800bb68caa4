package dev.cachet.core.policy;

import java.lang.reflect.Method;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The {@link CachePolicy} layers of one method: what its class and the method itself state.
 * Absent values are {@code null}; {@link Behaviour#INHERIT} is read as absent.
 */
public record MethodPolicy(@Nullable Duration classMaxAge, @Nullable Duration methodMaxAge,
		@Nullable Behaviour classBehaviour, @Nullable Behaviour methodBehaviour, StaleWindows classWindows,
		StaleWindows methodWindows) {

	/** A method with no annotations. */
	public static final MethodPolicy NONE = new MethodPolicy(null, null, null, null);

	/** Layers that state no stale window. */
	public MethodPolicy(@Nullable Duration classMaxAge, @Nullable Duration methodMaxAge,
			@Nullable Behaviour classBehaviour, @Nullable Behaviour methodBehaviour) {
		this(classMaxAge, methodMaxAge, classBehaviour, methodBehaviour, StaleWindows.NONE, StaleWindows.NONE);
	}

	/**
	 * Reads the annotations of a user class and its method (meta-annotations and interfaces included).
	 * @throws IllegalArgumentException naming the method if a max-age or window cannot be parsed
	 */
	public static MethodPolicy of(Class<?> userClass, Method method) {
		CachePolicy onClass = AnnotatedElementUtils.findMergedAnnotation(userClass, CachePolicy.class);
		CachePolicy onMethod = AnnotatedElementUtils.findMergedAnnotation(method, CachePolicy.class);
		String where = userClass.getName() + "#" + method.getName();
		return new MethodPolicy(maxAge(onClass, userClass.getName()), maxAge(onMethod, where), behaviour(onClass),
				behaviour(onMethod), windows(onClass, userClass.getName()), windows(onMethod, where));
	}

	private static @Nullable Duration maxAge(@Nullable CachePolicy policy, String where) {
		if (policy == null || policy.maxAge().isBlank()) {
			return null;
		}
		return DurationParser.parsePositive(policy.maxAge(), "@CachePolicy of " + where);
	}

	private static StaleWindows windows(@Nullable CachePolicy policy, String where) {
		if (policy == null) {
			return StaleWindows.NONE;
		}
		return new StaleWindows(window(policy.staleWhileRevalidate(), "staleWhileRevalidate", where),
				window(policy.staleIfError(), "staleIfError", where));
	}

	private static @Nullable Duration window(String text, String what, String where) {
		return text.isBlank() ? null : DurationParser.parseWindow(text, what, "@CachePolicy of " + where);
	}

	private static @Nullable Behaviour behaviour(@Nullable CachePolicy policy) {
		return (policy == null || policy.behaviour() == Behaviour.INHERIT) ? null : policy.behaviour();
	}

}
