package dev.cachet.autoconfigure;

import dev.cachet.core.policy.Behaviour;

/**
 * What the calls of one cache do with it, as {@code cachet.caches.<name>.behaviour} states it: the
 * {@link Behaviour}s a configuration may name, without {@link Behaviour#INHERIT}, which only
 * annotations and call options use (an unset property already inherits).
 */
public enum CacheBehaviour {

	/** Read fresh entries, compute and write on a miss. */
	DEFAULT(Behaviour.DEFAULT),

	/** Never read; compute and overwrite the entry in every tier. */
	RECOMPUTE(Behaviour.RECOMPUTE),

	/** Neither read nor write: the methods run as if uncached. */
	DISABLE(Behaviour.DISABLE);

	private final Behaviour behaviour;

	CacheBehaviour(Behaviour behaviour) {
		this.behaviour = behaviour;
	}

	/** The policy behaviour this stands for. */
	public Behaviour behaviour() {
		return behaviour;
	}

}
