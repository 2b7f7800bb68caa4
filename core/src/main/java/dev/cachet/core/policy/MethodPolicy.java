package dev.cachet.core.policy;

import java.lang.reflect.Method;
import java.time.Duration;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The {@link CachePolicy} layers of one method: what its class and the method itself state.
 * Absent values are {@code null}; {@link Behaviour#INHERIT} is read as absent.
 */
public record MethodPolicy(Duration classMaxAge, Duration methodMaxAge, Behaviour classBehaviour,
		Behaviour methodBehaviour) {

	/** A method with no annotations. */
	public static final MethodPolicy NONE = new MethodPolicy(null, null, null, null);

	/**
	 * Reads the annotations of a user class and its method (meta-annotations and interfaces included).
	 * @throws IllegalArgumentException naming the method if a max-age cannot be parsed
	 */
	public static MethodPolicy of(Class<?> userClass, Method method) {
		CachePolicy onClass = AnnotatedElementUtils.findMergedAnnotation(userClass, CachePolicy.class);
		CachePolicy onMethod = AnnotatedElementUtils.findMergedAnnotation(method, CachePolicy.class);
		String where = userClass.getName() + "#" + method.getName();
		return new MethodPolicy(maxAge(onClass, userClass.getName()), maxAge(onMethod, where), behaviour(onClass),
				behaviour(onMethod));
	}

	private static Duration maxAge(CachePolicy policy, String where) {
		if (policy == null || policy.maxAge().isBlank()) {
			return null;
		}
		return DurationParser.parsePositive(policy.maxAge(), "@CachePolicy of " + where);
	}

	private static Behaviour behaviour(CachePolicy policy) {
		return (policy == null || policy.behaviour() == Behaviour.INHERIT) ? null : policy.behaviour();
	}

}
