package dev.cachet.core.cache;

import java.time.Duration;

import dev.cachet.core.key.CachetKey;
import dev.cachet.core.method.Caller;
import dev.cachet.core.policy.Behaviour;

/**
 * One cache operation, resolved: where the entry lives, who asks, and the max-age and behaviour in
 * force for it.
 *
 * @param cache     the cache name
 * @param address   the entry's address within the cache
 * @param caller    the method (and its role) or application code behind the call
 * @param maxAge    the freshness limit for reads, also recorded in written entries
 * @param behaviour read and write, recompute, or bypass
 */
public record Call(String cache, CachetKey address, Caller caller, Duration maxAge, Behaviour behaviour) {

	/** The entry's key id in every tier. */
	public String keyId() {
		return address.id();
	}

	/** Whether the call may be answered from the cache. */
	public boolean reads() {
		return address.cacheable() && behaviour == Behaviour.DEFAULT;
	}

	/** Whether the call's result is stored. */
	public boolean writes() {
		return address.cacheable() && behaviour != Behaviour.DISABLE;
	}

	/** Whether the caller's results are files ({@link java.nio.file.Path}), cached by content. */
	public boolean returnsFile() {
		return caller.method() != null && caller.method().returnsFile();
	}

	/** What a served value must be an instance of: the reading method's cached type, or anything. */
	public Class<?> valueType() {
		return (caller.role() == Caller.Role.CACHEABLE) ? caller.method().valueType() : Object.class;
	}

}
