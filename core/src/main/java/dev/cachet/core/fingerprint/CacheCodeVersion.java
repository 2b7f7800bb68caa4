package dev.cachet.core.fingerprint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Escape hatch: a version string mixed into the code fingerprint of a method, or of every method of
 * a class. Change it to retire results when something the fingerprint cannot see has changed (a
 * data file, a remote service's semantics).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface CacheCodeVersion {

	String value();

}
