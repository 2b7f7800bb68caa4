package dev.cachet.autoconfigure;

import java.util.Collection;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cachet.core.cache.FingerprintJournal;
import dev.cachet.core.method.CachedMethod;

/**
 * Once the application is ready, fingerprints every cached method the start-up scan found and
 * records it in the {@link FingerprintJournal} (which logs what changed since the last run), on a
 * thread of its own: fingerprinting costs about a second of CPU in a mid-sized application, which
 * start-up no longer waits for. Anything that needs a fingerprint before the pass reached its method
 * (a call, the check of a {@code @CachePut} entry, the Actuator) computes it, or waits for the pass
 * if it is computing that very method ({@link CachedMethod#fingerprint()}), so it is never missing.
 * A method that fails here is logged and left to whoever needs it next.
 */
class FingerprintPass extends AfterReadyTask {

	private static final Logger logger = LoggerFactory.getLogger(FingerprintPass.class);

	static final String THREAD_NAME = "cachet-fingerprint";

	private final Supplier<Collection<CachedMethod>> methods;

	private final FingerprintJournal journal;

	private final Runnable whenDone;

	/**
	 * @param methods the cached methods the start-up scan found
	 * @param whenDone run after the pass, however it ended
	 */
	FingerprintPass(Supplier<Collection<CachedMethod>> methods, FingerprintJournal journal, Runnable whenDone) {
		super(THREAD_NAME);
		this.methods = methods;
		this.journal = journal;
		this.whenDone = whenDone;
	}

	@Override
	void run() {
		try {
			fingerprintAll();
		}
		finally {
			whenDone.run();
		}
	}

	private void fingerprintAll() {
		long start = System.nanoTime();
		Collection<CachedMethod> scanned = methods.get();
		for (CachedMethod method : scanned) {
			if (stopping()) {
				return;
			}
			try {
				journal.record(method);
			}
			catch (Throwable ex) {
				logger.warn("Cannot fingerprint {} after start-up; its next call tries again: {}", method.id(),
						ex.toString(), ex);
			}
		}
		logger.debug("{} cached methods fingerprinted in {} ms", scanned.size(), (System.nanoTime() - start) / 1_000_000);
	}

}
