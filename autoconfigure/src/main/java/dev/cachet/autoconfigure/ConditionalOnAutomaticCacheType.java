package dev.cachet.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code spring.cache.type} is not set, the "automatic" mode in which Spring Boot
 * chooses the cache provider itself. Any explicit type, {@code none} included (which is what Boot's
 * {@code @AutoConfigureCache} sets in tests), picks one of Boot's own providers, and Cachet steps
 * aside so that Boot's cache auto-configuration applies it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Conditional(OnAutomaticCacheTypeCondition.class)
public @interface ConditionalOnAutomaticCacheType {

}
