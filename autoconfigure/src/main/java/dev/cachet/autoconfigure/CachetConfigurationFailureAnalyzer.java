package dev.cachet.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns a {@link CachetConfigurationException} into a start-up report naming the property, the value
 * as it was written and where (file and line), and the fix, as Boot's own reports do.
 */
class CachetConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<CachetConfigurationException> {

	private final @Nullable Environment environment;

	/** @param environment where the properties were set; {@code null} when the analysis runs without one */
	CachetConfigurationFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CachetConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage() + whereSet(cause.property()),
				"Update '" + cause.property() + "': " + cause.action(), cause);
	}

	/** {@code \n\n    Value: "-5MB"\n    Origin: class path resource [application.yml] - 3:13}, or nothing. */
	private String whereSet(String property) {
		if (this.environment == null) {
			return "";
		}
		ConfigurationProperty set = PropertyOrigins.find(this.environment, property);
		if (set == null) {
			return "";
		}
		String value = isSecret(property) ? "******" : String.valueOf(set.getValue());
		return "\n\n    Value: \"" + value + "\"" + ((set.getOrigin() != null) ? "\n    Origin: " + set.getOrigin() : "");
	}

	private static boolean isSecret(String property) {
		String lower = property.toLowerCase(Locale.ROOT);
		return lower.contains("key") || lower.contains("password") || lower.contains("secret")
				|| lower.contains("token") || lower.contains("credential");
	}

}
