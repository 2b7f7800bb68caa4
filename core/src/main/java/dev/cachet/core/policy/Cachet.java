package dev.cachet.core.policy;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The per-call layer: {@code Cachet.with(CallOptions.maxAge(Duration.ofHours(1))).call(() -> svc.load(p))}.
 *
 * <p>The options apply to every Cachet-cached call made on the current thread inside the scope,
 * including nested ones, and are restored when it ends. Calls started on other threads (such as
 * the body of an {@code @Async} method) do not see them.
 */
public final class Cachet {

	private static final ThreadLocal<CallOptions> CURRENT = new ThreadLocal<>();

	private final CallOptions options;

	private Cachet(CallOptions options) {
		this.options = options;
	}

	/** Opens a scope with these options. */
	public static Cachet with(CallOptions options) {
		if (options == null) {
			throw new IllegalArgumentException("CallOptions must not be null");
		}
		return new Cachet(options);
	}

	/** The options in force on this thread, or {@code null}. */
	public static CallOptions current() {
		return CURRENT.get();
	}

	/** Runs {@code body} with the options in force. */
	public <T> T call(Supplier<T> body) {
		CallOptions previous = CURRENT.get();
		CURRENT.set(options);
		try {
			return body.get();
		}
		finally {
			restore(previous);
		}
	}

	/** Runs a body that may throw a checked exception with the options in force. */
	public <T> T callChecked(Callable<T> body) throws Exception {
		CallOptions previous = CURRENT.get();
		CURRENT.set(options);
		try {
			return body.call();
		}
		finally {
			restore(previous);
		}
	}

	private static void restore(CallOptions previous) {
		if (previous == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(previous);
		}
	}

}
