package dev.cachet.core.method;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.fingerprint.MethodFingerprint;

/**
 * A method's fingerprint, computed by the first thread that needs it (a call, the background pass
 * after start-up, the Actuator) while any other thread asking at the same time waits for it: nobody
 * sees a missing or partial fingerprint. A computation that throws leaves it uncomputed, so the next
 * reader tries again.
 */
final class LazyFingerprint {

	private @Nullable Supplier<MethodFingerprint> computation;

	private volatile @Nullable MethodFingerprint value;

	LazyFingerprint(Supplier<MethodFingerprint> computation) {
		this.computation = computation;
	}

	MethodFingerprint get() {
		MethodFingerprint known = this.value;
		return (known != null) ? known : compute();
	}

	private synchronized MethodFingerprint compute() {
		MethodFingerprint known = this.value;
		if (known == null) {
			Supplier<MethodFingerprint> pending = this.computation;
			known = pending.get();
			this.value = known;
			this.computation = null; // lets go of the bean and method the computation held
		}
		return known;
	}

}
