package dev.cachet.core.method;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.cachet.core.envelope.Producer;
import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprint;
import dev.cachet.core.fingerprint.MethodFingerprinter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A resolved method's fingerprint is computed when first asked for, once, by whoever asks first;
 * anyone asking meanwhile waits for that result.
 */
class CachedMethodsTests {

	private static final FingerprintSettings SETTINGS = new FingerprintSettings(
			List.of(CachedMethodsTests.class.getPackageName()), true, "");

	static class Rates {

		private final double rate = 1.2;

		public double price(String item) {
			return item.length() * rate;
		}

	}

	/** Counts the fingerprints it computes; can be made to fail once or to wait for the test. */
	static class ObservedFingerprinter extends MethodFingerprinter {

		final AtomicInteger computed = new AtomicInteger();

		final AtomicInteger failuresLeft = new AtomicInteger();

		final CountDownLatch entered = new CountDownLatch(1);

		volatile CountDownLatch release = new CountDownLatch(0);

		ObservedFingerprinter() {
			super(SETTINGS);
		}

		@Override
		public MethodFingerprint fingerprint(Class<?> userClass, Method method, Object target) {
			entered.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (failuresLeft.getAndDecrement() > 0) {
				throw new IllegalStateException("cannot fingerprint now");
			}
			computed.incrementAndGet();
			return super.fingerprint(userClass, method, target);
		}

	}

	private final ObservedFingerprinter fingerprinter = new ObservedFingerprinter();

	private final Rates bean = new Rates();

	private CachedMethod resolve() throws NoSuchMethodException {
		return new CachedMethods(fingerprinter).resolve(Rates.class, Rates.class.getMethod("price", String.class), bean);
	}

	@Test
	void resolvingLeavesTheFingerprintForTheFirstReaderWhoGetsTheOneAnEagerPassComputes() throws Exception {
		CachedMethod method = resolve();
		assertThat(fingerprinter.computed).hasValue(0);

		MethodFingerprint eager = new MethodFingerprinter(SETTINGS).fingerprint(Rates.class,
				Rates.class.getMethod("price", String.class), bean);
		assertThat(method.fingerprint().hash()).isEqualTo(eager.hash());
		assertThat(method.fingerprint().components()).isEqualTo(eager.components());
		assertThat(method.producer(Producer.Kind.CACHEABLE).fingerprint())
			.isEqualTo(eager.hash());
		assertThat(fingerprinter.computed).hasValue(1);
	}

	@Test
	void aReaderArrivingWhileAnotherComputesWaitsForThatFingerprint() throws Exception {
		CachedMethod method = resolve();
		fingerprinter.release = new CountDownLatch(1);
		CompletableFuture<MethodFingerprint> first = CompletableFuture.supplyAsync(method::fingerprint);
		fingerprinter.entered.await();
		CompletableFuture<MethodFingerprint> second = new CompletableFuture<>();
		Thread secondThread = new Thread(() -> second.complete(method.fingerprint()));
		secondThread.start();
		while (secondThread.getState() != Thread.State.BLOCKED) {
			Thread.onSpinWait(); // the second reader must queue behind the first, not compute or pass
		}
		assertThat(second).isNotDone();
		fingerprinter.release.countDown();
		assertThat(second.get()).isSameAs(first.get());
		assertThat(fingerprinter.computed).hasValue(1);
	}

	@Test
	void aComputationThatFailsLeavesTheFingerprintToTheNextReader() throws Exception {
		CachedMethod method = resolve();
		fingerprinter.failuresLeft.set(1);
		assertThatIllegalStateException().isThrownBy(method::fingerprint);
		assertThat(method.fingerprint().hash()).isEqualTo(new MethodFingerprinter(SETTINGS)
			.fingerprint(Rates.class, Rates.class.getMethod("price", String.class), bean)
			.hash());
	}

}
