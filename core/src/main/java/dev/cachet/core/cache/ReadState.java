package dev.cachet.core.cache;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.envelope.EntryMetadata;

/** The state of one read by {@link TierWalk}, shared by its steps (one thread at a time). */
final class ReadState {

	final Call call;

	final ResultFormat format;

	final long now;

	final boolean async;

	long evictionsStarted;

	boolean evictionRunning;

	/** A check of an input: nothing counted, recorded or deleted; what it served is kept in {@link #served}. */
	final boolean quiet;

	/**
	 * A read of the nearest tier alone, ahead of a full read: a hit counts as any, anything else is
	 * left for the full read to count, offer stale or delete.
	 */
	boolean tentative;

	/** Whether tiers that block may be asked (for the entry in a check, for its inputs in any read): not in a non-blocking read. */
	boolean blocking;

	boolean pendingChecked;

	@Nullable EntryMetadata served;

	/** The state of a check of an input ({@link #quiet}). */
	static ReadState check(Call call, ResultFormat format, long now, boolean blocking) {
		ReadState check = new ReadState(call, format, now, false, true);
		check.blocking = blocking;
		return check;
	}

	/** The state of a {@link #tentative} read. */
	static ReadState tentative(Call call, ResultFormat format, long now) {
		ReadState read = new ReadState(call, format, now, false, false);
		read.tentative = true;
		return read;
	}

	ReadState(Call call, ResultFormat format, long now, boolean async, boolean quiet) {
		this.call = call;
		this.format = format;
		this.now = now;
		this.async = async;
		this.quiet = quiet;
		this.blocking = !async;
	}

	/** Whether a miss or a rejected entry is counted and acted on here. */
	boolean handlesMisses() {
		return !quiet && !tentative;
	}

	/** Whether a check needs only the metadata of an entry in {@code tier}: it decodes only to fill a nearer tier holding objects. */
	boolean metadataOnly(CacheTiers tiers, TierBinding tier) {
		return quiet && !tiers.holdValuesBefore(tier);
	}

}
