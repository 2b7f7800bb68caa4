package dev.cachet.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition behind {@link ConditionalOnCachetTier}. */
class OnCachetTierCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String tier = (String) metadata.getAnnotationAttributes(ConditionalOnCachetTier.class.getName()).get("value");
		Set<String> used = usedTiers(Binder.get(context.getEnvironment()));
		return used.contains(tier) ? ConditionOutcome.match("Cachet tier '" + tier + "' is configured")
				: ConditionOutcome.noMatch("Cachet tier '" + tier + "' is not in " + used);
	}

	/** Every tier named in {@code cachet.tiers} and {@code cachet.caches.*.tiers}. */
	static Set<String> usedTiers(Binder binder) {
		Set<String> used = new TreeSet<>(
				binder.bind("cachet.tiers", Bindable.listOf(String.class)).orElse(List.of("disk")));
		binder.bind("cachet.caches", Bindable.mapOf(String.class, CachetProperties.CacheSpec.class))
			.orElse(Map.of())
			.values()
			.forEach(spec -> {
				if (spec.getTiers() != null) {
					used.addAll(spec.getTiers());
				}
			});
		return used;
	}

}
