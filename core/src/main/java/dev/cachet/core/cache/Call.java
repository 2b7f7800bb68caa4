package dev.cachet.core.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.key.CachetKey;
import dev.cachet.core.method.Caller;
import dev.cachet.core.policy.Behaviour;

/**
 * One cache operation, resolved: where the entry lives, who asks, and the max-age, behaviour and
 * stale windows in force for it.
 *
 * @param cache                the cache name
 * @param address              the entry's address within the cache
 * @param caller               the method (and its role) or application code behind the call
 * @param maxAge               the freshness limit for reads, also recorded in written entries
 * @param behaviour            read and write, recompute, or bypass
 * @param staleWhileRevalidate how long past {@code maxAge} an entry is served while refreshed; zero when off
 * @param staleIfError         how long past {@code maxAge} an entry is served when the recomputation throws
 * @param storageWindow        how long past {@code maxAge} tiers keep an entry this call writes: the
 *                             larger window of the layers below the call layer
 * @param stale                collects the stale entry a read finds within a window; {@code null} when both are off
 */
public record Call(String cache, CachetKey address, Caller caller, Duration maxAge, Behaviour behaviour,
		Duration staleWhileRevalidate, Duration staleIfError, Duration storageWindow, @Nullable StaleEntry stale) {

	/** A call without stale windows. */
	public Call(String cache, CachetKey address, Caller caller, Duration maxAge, Behaviour behaviour) {
		this(cache, address, caller, maxAge, behaviour, Duration.ZERO, Duration.ZERO, Duration.ZERO, null);
	}

	/**
	 * How long past its creation an entry written by this call is worth keeping: its max-age plus
	 * the larger configured stale window, so that tiers still hold it when it may be served stale.
	 */
	public Duration retention() {
		return maxAge.plus(storageWindow);
	}

	/** The larger of the two stale windows. */
	Duration longestWindow() {
		return (staleWhileRevalidate.compareTo(staleIfError) >= 0) ? staleWhileRevalidate : staleIfError;
	}

	/** This call as a recomputation: it does not read, and its write replaces the entry everywhere. */
	Call recomputing() {
		return new Call(cache, address, caller, maxAge, Behaviour.RECOMPUTE, staleWhileRevalidate, staleIfError,
				storageWindow, null);
	}

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
