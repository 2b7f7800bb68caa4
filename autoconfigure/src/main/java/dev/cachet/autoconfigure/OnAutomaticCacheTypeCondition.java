package dev.cachet.autoconfigure;

import org.springframework.boot.autoconfigure.cache.CacheType;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnAutomaticCacheType}. Reads {@code spring.cache.type} as
 * Boot's own {@code CacheCondition} does: unbound means automatic. Cachet is not one of Boot's
 * {@link CacheType}s, so an explicit type never names it; staying in place would silently replace
 * the provider the user chose, because Boot's cache auto-configuration backs off as soon as a cache
 * manager exists.
 */
class OnAutomaticCacheTypeCondition extends SpringBootCondition {

	private static final String PROPERTY = "spring.cache.type";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnAutomaticCacheType.class);
		try {
			BindResult<CacheType> type = Binder.get(context.getEnvironment()).bind(PROPERTY, CacheType.class);
			if (!type.isBound()) {
				return ConditionOutcome.match(message.because(PROPERTY + " is not set (automatic cache type)"));
			}
			return ConditionOutcome.noMatch(message.because(PROPERTY + " is " + type.get()));
		}
		catch (BindException ex) {
			// Not a type Boot knows: Boot reports the bad value when it binds its CacheProperties.
			return ConditionOutcome.noMatch(message.because(PROPERTY + " is not a cache type"));
		}
	}

}
