package dev.cachet.core.cache;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.EnvelopeSigner;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.ValueHolding;

/**
 * A tier as the tiered caches use it: the tier, the longest time it may store an entry
 * ({@code cachet.<tier>.max-age}, or {@code null} for no cap), whether entries read from it must
 * carry a valid signature, and its statistics.
 */
public record TierBinding(String name, CacheTier tier, @Nullable Duration storageCap, boolean verifiesSignatures,
		TierStatistics statistics) {

	public TierBinding(String name, CacheTier tier, @Nullable Duration storageCap, boolean verifiesSignatures) {
		this(name, tier, storageCap, verifiesSignatures, new TierStatistics());
	}

	/** How the tier holds values as objects, or {@code null} when it stores envelopes only. */
	public @Nullable ValueHolding values() {
		return tier.values().orElse(null);
	}

	/** The signer whose keys entries read from this tier must be signed with, or {@code null} when none is required. */
	public @Nullable EnvelopeSigner verifier(EnvelopeSigner signer) {
		return (verifiesSignatures && signer.enabled()) ? signer : null;
	}

	/**
	 * How long this tier may keep an entry: what is left of its recorded retention (its max-age plus
	 * the larger stale window when written), capped; {@code null} if none is left.
	 */
	public @Nullable Duration storageTtl(EntryMetadata metadata, Instant now) {
		Duration remaining = metadata.maxAge().minus(metadata.age(now));
		if (remaining.isNegative() || remaining.isZero()) {
			return null;
		}
		return (storageCap != null && storageCap.compareTo(remaining) < 0) ? storageCap : remaining;
	}

}
