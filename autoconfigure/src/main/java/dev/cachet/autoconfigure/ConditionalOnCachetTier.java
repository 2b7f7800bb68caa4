package dev.cachet.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a tier is used: named in {@code cachet.tiers} (which defaults to {@code [disk]}) or
 * in any {@code cachet.caches.<name>.tiers}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Conditional(OnCachetTierCondition.class)
public @interface ConditionalOnCachetTier {

	/** The tier name. */
	String value();

}
