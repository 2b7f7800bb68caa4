package dev.cachet.core.cache;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryMetadata;

/**
 * How the results of a call are stored and read back: encoded values ({@link ValueFormat}) or files
 * streamed by content ({@code cache.file.FileFormat}). The {@link TierChain} walks the tiers and
 * decides validity; a format only moves bytes.
 */
public interface ResultFormat {

	/**
	 * Opens the entry at the call's address in one tier.
	 * @param nowMillis when the read started, on the cache's clock: what a tier holding objects checks storage times against
	 * @return the entry, or {@code null} when the tier holds none (or failed, which is counted)
	 */
	@Nullable Candidate find(TierBinding binding, Call call, long nowMillis);

	/**
	 * The entry at the call's address in one tier, for a check that needs its metadata and not its
	 * value. By default {@link #find}.
	 * @return the entry, or {@code null} as {@link #find} does
	 */
	default @Nullable Candidate findMetadata(TierBinding binding, Call call, long nowMillis) {
		return find(binding, call, nowMillis);
	}

	/**
	 * Opens the entry at the call's address in one tier without blocking the calling thread. By
	 * default {@link #find} runs on {@code blockingReads}, the tier's executor for blocking reads.
	 * @return completes with the entry, or {@code null} as {@link #find} does; never exceptionally
	 */
	default CompletableFuture<@Nullable Candidate> findAsync(TierBinding binding, Call call, long nowMillis,
			Executor blockingReads) {
		return CompletableFuture.supplyAsync(() -> find(binding, call, nowMillis), blockingReads);
	}

	/** A result of this JVM whose deferred writes have not all landed yet, or {@code null}. */
	default @Nullable Candidate pending(Call call) {
		return null;
	}

	/**
	 * Stores a result in tiers.
	 * @param storeValue the value, or {@link org.springframework.cache.support.NullValue#INSTANCE}
	 * @param deferrable whether the writes to tiers that store bytes may happen after this returns
	 * @return completes once every tier has the result (or dropped a deferred write); {@code null}
	 * when it could be stored nowhere (logged by the format), which makes the call uncached
	 */
	@Nullable CompletableFuture<?> write(List<TierBinding> tiers, Call call, Object storeValue, EntryMetadata metadata,
			Instant now, boolean deferrable);

	/** An entry found in a tier, not yet served. */
	interface Candidate extends AutoCloseable {

		EntryMetadata metadata();

		/**
		 * The entry's store value: decoded, with its signature checked where the tier requires one.
		 * @throws EntryRejectedException if it cannot be served
		 */
		Object value() throws EntryRejectedException;

		/**
		 * Whether the entry carries a valid signature where its tier requires one; checked by
		 * {@link #value()} too. By default, {@code true}.
		 */
		default boolean authentic() {
			return true;
		}

		/** Whether the entry was written under the call's address (read from where it lies, it may not be). */
		default boolean writtenAt(Call call) {
			return metadata().writtenAt(call.cache(), call.keyId());
		}

		/** Copies the entry into nearer tiers, after {@link #value()} succeeded. */
		void promote(List<TierBinding> nearer, Call call, Instant now);

		/**
		 * Copies the entry into nearer tiers, as {@link #promote}, without blocking the calling
		 * thread: tiers that store bytes get their copy later, unless an eviction of the key
		 * started since {@code epoch} (a count of the evictions of its key). By default, {@link #promote}.
		 */
		default void promoteAsync(List<TierBinding> nearer, Call call, Instant now, long epoch) {
			promote(nearer, call, now);
		}

		@Override
		default void close() {
		}

	}

	/** An entry that cannot be served, and why. */
	final class EntryRejectedException extends Exception {

		private final MissReason reason;

		public EntryRejectedException(MissReason reason, String message) {
			super(message, null, false, false);
			this.reason = reason;
		}

		public MissReason reason() {
			return reason;
		}

	}

}
