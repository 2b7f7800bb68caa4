package dev.cachet.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link CachetConfigurationException} into a start-up report naming the property and the fix. */
class CachetConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<CachetConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CachetConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), "Update '" + cause.property() + "': " + cause.action(), cause);
	}

}
