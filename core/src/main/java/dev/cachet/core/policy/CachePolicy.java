package dev.cachet.core.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Max-age, stale windows and behaviour of cached methods, on a class (all its cached methods) or on a method
 * (which wins over its class). Both win over the {@code cachet.caches.<name>.*} and global
 * properties and lose to a per-call {@link CallOptions}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface CachePolicy {

	/**
	 * How long an entry is fresh, checked at read time: {@code 6h}, {@code 90d}, {@code PT30M}.
	 * Empty means inherit.
	 */
	String maxAge() default "";

	/**
	 * How long past its max-age an entry is still served at once, while one background
	 * recomputation refreshes it: {@code 10m}. Empty means inherit; {@code 0s} turns it off.
	 */
	String staleWhileRevalidate() default "";

	/**
	 * How long past its max-age an entry is still served when the recomputation throws:
	 * {@code 1h}. Empty means inherit; {@code 0s} turns it off.
	 */
	String staleIfError() default "";

	/** Behaviour; {@link Behaviour#INHERIT} takes the enclosing layer's. */
	Behaviour behaviour() default Behaviour.INHERIT;

}
