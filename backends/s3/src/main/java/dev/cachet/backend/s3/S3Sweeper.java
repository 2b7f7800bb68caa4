package dev.cachet.backend.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deletes the S3 tier's objects that are past their storage expiry. Off unless started: a bucket
 * lifecycle rule on the prefix does the same job without requests from the application.
 *
 * <p>A sweep lists every object under the tier's prefix, reads each one's expiry with a HEAD
 * request (a listing carries no user metadata) and deletes the expired ones with DeleteObjects, up
 * to 1000 per request. Every request has the tier's time budget; a failed sweep is retried at the
 * next interval.
 */
public final class S3Sweeper implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(S3Sweeper.class);

	private final S3Client client;

	private final S3TierSettings settings;

	private final Clock clock;

	private final S3Calls calls;

	private final S3Deleter deleter;

	private ScheduledExecutorService scheduler;

	public S3Sweeper(S3Client client, S3TierSettings settings, Clock clock) {
		this.client = client;
		this.settings = settings;
		this.clock = clock;
		this.calls = new S3Calls(settings, clock);
		this.deleter = new S3Deleter(client, this.calls, settings.bucket());
	}

	/**
	 * Deletes the expired objects under the prefix now.
	 * @return how many objects were deleted
	 */
	public int sweep() {
		Instant now = this.clock.instant();
		return this.deleter.deleteAll(this.settings.prefix(), (object) -> expired(object, now));
	}

	/** Sweeps every {@code interval} on a daemon thread, the first time after one interval. */
	public synchronized void start(Duration interval) {
		if (this.scheduler != null) {
			throw new IllegalStateException("S3 sweeper already started");
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "cachet-s3-sweeper");
			thread.setDaemon(true);
			return thread;
		});
		long millis = interval.toMillis();
		this.scheduler.scheduleWithFixedDelay(this::sweepQuietly, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void close() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	private void sweepQuietly() {
		try {
			int deleted = sweep();
			logger.debug("S3 sweep deleted {} expired objects", deleted);
		}
		catch (RuntimeException ex) {
			logger.info("S3 sweep failed ({}); retrying at the next interval", ex.getClass().getSimpleName());
		}
	}

	private boolean expired(S3Object object, Instant now) {
		HeadObjectRequest request = HeadObjectRequest.builder()
			.bucket(this.settings.bucket())
			.key(object.key())
			.overrideConfiguration(this.calls.budget())
			.build();
		try {
			return ObjectMetadata.expired(this.calls.call(() -> this.client.headObject(request)).metadata(), now);
		}
		catch (NoSuchKeyException ex) {
			return false;
		}
	}

}
