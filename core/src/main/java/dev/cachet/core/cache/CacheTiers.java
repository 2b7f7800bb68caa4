package dev.cachet.core.cache;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The native cache of a {@link TieredCache}: its tiers in lookup order, nearest first. An
 * unmodifiable list whose type and text say what it is, so that Boot's {@code /actuator/caches}
 * shows it as the {@code target} of the cache, for instance
 * {@code CacheTiers[ships: memory -> disk]}.
 */
public final class CacheTiers extends AbstractList<TierBinding> implements RandomAccess {

	private final String cache;

	private final List<TierBinding> tiers;

	CacheTiers(String cache, List<TierBinding> tiers) {
		this.cache = cache;
		this.tiers = List.copyOf(tiers);
	}

	@Override
	public TierBinding get(int index) {
		return tiers.get(index);
	}

	@Override
	public int size() {
		return tiers.size();
	}

	/** Whether a tier nearer than {@code binding} holds values as objects. */
	boolean holdValuesBefore(TierBinding binding) {
		for (TierBinding nearer : tiers) {
			if (nearer == binding) {
				return false;
			}
			if (nearer.values() != null) {
				return true;
			}
		}
		return false;
	}

	/** The cache and its tier names in lookup order. */
	@Override
	public String toString() {
		return "CacheTiers[" + cache + ": " + String.join(" -> ", tiers.stream().map(TierBinding::name).toList()) + "]";
	}

}
