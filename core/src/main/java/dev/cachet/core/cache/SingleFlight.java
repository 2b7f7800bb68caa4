package dev.cachet.core.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryMetadata;

import dev.cachet.core.tier.KeyLease;

/**
 * One computation per key at a time: in this JVM through a shared future, across instances through a
 * {@link KeyLease} when one is configured. Every loading path of the cache (synchronous
 * {@code get(key, loader)} and asynchronous {@code retrieve(key, loader)}) goes through here. The
 * callers get the value as soon as it is computed; the lease is held until the value has landed in
 * the tiers, so another instance woken by its release finds it there.
 */
final class SingleFlight {

	private final String cache;

	private final @Nullable KeyLease lease;

	private final ConcurrentMap<String, CompletableFuture<Loaded>> loads = new ConcurrentHashMap<>();

	/** @param lease cross-instance lease, or {@code null} */
	SingleFlight(String cache, @Nullable KeyLease lease) {
		this.cache = cache;
		this.lease = lease;
	}

	/**
	 * The result of the computation running for {@code keyId}, starting {@code load} if none runs.
	 * With a lease, the instance that does not get it waits for the holder, then tries
	 * {@code readAfterWait} (the holder's result, or {@code null}) before computing itself.
	 * @param readAfterWait reads the entry another instance may have written, or {@code null} to skip
	 * @param crossInstance whether to take the lease: {@code false} for callers that must not block,
	 * since taking and awaiting it blocks; they get one computation per key in this JVM only
	 */
	CompletableFuture<Loaded> run(String keyId, @Nullable Supplier<@Nullable Object> readAfterWait,
			Supplier<CompletableFuture<Loaded>> load, boolean crossInstance) {
		CompletableFuture<Loaded> mine = new CompletableFuture<>();
		CompletableFuture<Loaded> running = loads.putIfAbsent(keyId, mine);
		if (running != null) {
			return running;
		}
		KeyLease.@Nullable Handle handle = null;
		try {
			handle = (lease != null && crossInstance) ? lease.tryAcquire(cache, keyId, lease.leaseTime()) : null;
			if (handle != null && readAfterWait != null
					&& (handle.acquired() || lease.awaitRelease(cache, keyId, lease.leaseTime()))) {
				// another instance may have written the entry just before this one took the lease or was woken
				Object elsewhere = readAfterWait.get();
				if (elsewhere != null) {
					finish(keyId, mine, handle, new Loaded(elsewhere, null, null), null);
					return mine;
				}
			}
			KeyLease.Handle held = handle;
			load.get().whenComplete((loaded, failure) -> finish(keyId, mine, held, loaded, failure));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			finish(keyId, mine, handle, null, ex);
		}
		catch (RuntimeException | Error ex) {
			finish(keyId, mine, handle, null, ex);
		}
		return mine;
	}

	private void finish(String keyId, CompletableFuture<Loaded> mine, KeyLease.@Nullable Handle handle,
			@Nullable Loaded loaded, @Nullable Throwable failure) {
		try {
			if (handle != null) {
				if (loaded != null && loaded.landed() != null && !loaded.landed().isDone()) {
					loaded.landed().whenComplete((done, writeFailure) -> handle.close());
				}
				else {
					handle.close();
				}
			}
		}
		finally {
			if (failure != null) {
				mine.completeExceptionally(failure);
			}
			else {
				mine.complete(loaded);
			}
			loads.remove(keyId, mine);
		}
	}

	/**
	 * A computed value and when it has landed in the tiers.
	 * @param landed   completes once every tier has the value, or {@code null} when there is nothing to wait for
	 * @param metadata the entry written, or {@code null}: not stored, or read from another instance's write
	 */
	record Loaded(Object value, @Nullable CompletableFuture<?> landed, @Nullable EntryMetadata metadata) {

		/** Whether the value is another instance's, read from the tiers after waiting for its lease. */
		boolean fromElsewhere() {
			return landed == null && metadata == null;
		}

	}

}
