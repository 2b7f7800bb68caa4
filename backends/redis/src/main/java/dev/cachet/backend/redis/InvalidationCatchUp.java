package dev.cachet.backend.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far this instance has applied the invalidation history, and the background thread that reads
 * what it missed.
 *
 * <p>Every announcement names the history entry before it. While that is the last entry applied here,
 * the position simply moves on, and a normal eviction costs no read. Anything else (a resubscription,
 * an announcement that does not follow on, the periodic check) makes the thread read the history from
 * the last entry applied, that entry included: the entries after it are applied, and the position
 * moves to the newest. If that entry is no longer there (trimmed away, or the stream is gone because
 * Redis restarted or was flushed), what this instance missed is unknown: it takes the newest entry as
 * its position (adding a marker to an empty history, so that the position is a real entry) and only
 * then reports the loss, so that whatever the history held before is covered by it.
 */
final class InvalidationCatchUp implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(InvalidationCatchUp.class);

	/** Entries read per command. */
	static final int PAGE = 500;

	/** How soon a failed read is tried again. */
	static final Duration RETRY = Duration.ofSeconds(1);

	/** How often the history is checked anyway, in case the channel dropped an announcement silently. */
	static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);

	private final InvalidationLog log;

	private final String instanceId;

	private final Consumer<InvalidationMessage> apply;

	private final Runnable lost;

	private final ScheduledExecutorService worker;

	private final AtomicBoolean requested = new AtomicBoolean();

	/** The last history entry such that it and every entry before it were applied; {@code null} until known. */
	private StreamId position;

	private boolean subscribed;

	/** Whether announcements may have been missed before the first position (the first subscription failed). */
	private boolean missedBeforePosition;

	/**
	 * @param apply receives the other instances' evictions and clears read from the history
	 * @param lost  runs when this instance cannot know what it missed
	 */
	InvalidationCatchUp(InvalidationLog log, String instanceId, Consumer<InvalidationMessage> apply, Runnable lost) {
		this.log = log;
		this.instanceId = instanceId;
		this.apply = apply;
		this.lost = lost;
		this.worker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "cachet-invalidation-catch-up");
			thread.setDaemon(true);
			return thread;
		});
		long check = CHECK_INTERVAL.toMillis();
		this.worker.scheduleWithFixedDelay(this::request, check, check, TimeUnit.MILLISECONDS);
	}

	/**
	 * The subscription is in place, for the first time or again.
	 * @param mayHaveMissed whether announcements may have been published while it was not
	 */
	void subscribed(boolean mayHaveMissed) {
		synchronized (this) {
			this.subscribed = true;
			if (this.position == null && mayHaveMissed) {
				this.missedBeforePosition = true;
			}
		}
		request();
	}

	/** An announcement arrived (and was applied, unless it was this instance's own). */
	void announced(StreamId previous, StreamId id) {
		synchronized (this) {
			if (this.position == null) {
				// the thread is taking its first position, after which this entry is covered
				return;
			}
			if (this.position.equals(previous)) {
				this.position = id;
				return;
			}
		}
		request();
	}

	/** Whether this instance knows its position in the history, so that it can no longer miss anything unnoticed. */
	synchronized boolean hasPosition() {
		return this.position != null;
	}

	@Override
	public void close() {
		this.worker.shutdownNow();
	}

	private void request() {
		if (this.requested.compareAndSet(false, true)) {
			try {
				this.worker.execute(this::run);
			}
			catch (RejectedExecutionException closed) {
				// closed: nothing more to catch up on
			}
		}
	}

	private void run() {
		this.requested.set(false);
		try {
			catchUp();
		}
		catch (Exception ex) {
			logger.debug("Could not read the invalidation history, retrying in {}", RETRY, ex);
			try {
				this.worker.schedule(this::request, RETRY.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException closed) {
				// closed meanwhile
			}
		}
	}

	private void catchUp() throws Exception {
		StreamId from;
		boolean missed;
		synchronized (this) {
			if (!this.subscribed) {
				return;
			}
			from = this.position;
			missed = this.missedBeforePosition;
		}
		if (from == null) {
			takeNewestPosition(missed);
			return;
		}
		while (true) {
			List<InvalidationLog.Entry> page = this.log.read(from, PAGE);
			if (page.isEmpty() || !page.get(0).id().equals(from)) {
				takeNewestPosition(true);
				return;
			}
			for (InvalidationLog.Entry entry : page.subList(1, page.size())) {
				applyIfOthers(entry.message());
			}
			StreamId to = page.get(page.size() - 1).id();
			moveOn(from, to);
			if (page.size() < PAGE) {
				return;
			}
			from = to;
		}
	}

	/**
	 * Takes the newest entry as the position; reports the loss after that, so that the instance
	 * distrusts everything its local tiers held up to then.
	 */
	private void takeNewestPosition(boolean missed) throws Exception {
		StreamId newest = this.log.newest();
		if (newest == null) {
			newest = this.log.append(InvalidationMessage.marker(this.instanceId)).get();
		}
		synchronized (this) {
			this.position = newest;
			this.missedBeforePosition = false;
		}
		if (missed) {
			logger.info("Cachet missed cache invalidations it can no longer read from Redis; local entries written "
					+ "before now are read from the shared tiers again");
			this.lost.run();
		}
	}

	/**
	 * Moves the position from {@code from} to {@code to}, unless announcements moved it further
	 * meanwhile: both only ever move past entries that were applied.
	 */
	private synchronized void moveOn(StreamId from, StreamId to) {
		if (this.position.equals(from) || to.compareTo(this.position) > 0) {
			this.position = to;
		}
	}

	private void applyIfOthers(InvalidationMessage message) {
		if (message != null && message.type() != InvalidationMessage.Type.MARKER
				&& !message.sender().equals(this.instanceId)) {
			this.apply.accept(message);
		}
	}

}
