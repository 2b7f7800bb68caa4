package dev.cachet.core.cache;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.key.CacheAddresses;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.Caller;
import dev.cachet.core.policy.Behaviour;
import dev.cachet.core.policy.CallOptions;
import dev.cachet.core.policy.Cachet;
import dev.cachet.core.policy.MethodPolicy;
import dev.cachet.core.policy.ResolvedPolicy;

/**
 * Resolves a cache call in one place: its address from the key, and its max-age, behaviour and stale
 * windows from the four layers (global &lt; cache &lt; class or method &lt; call). Actuator asks the
 * same object for the chains it shows.
 */
final class CallResolver {

	private final String cache;

	private final CacheSettings settings;

	private final CacheAddresses addresses;

	/** What each method's calls get when no per-call options are in force. */
	private final ConcurrentMap<CachedMethod, Effective> methodPolicies = new ConcurrentHashMap<>();

	private final Effective programmatic;

	CallResolver(String cache, CacheSettings settings, CacheAddresses addresses) {
		this.cache = cache;
		this.settings = settings;
		this.addresses = addresses;
		this.programmatic = Effective.of(layered(MethodPolicy.NONE, null));
	}

	Call resolve(Object key, Caller caller) {
		Effective effective;
		if (Cachet.current() != null) {
			effective = Effective.of(policyFor(caller.method()));
		}
		else if (caller.method() == null) {
			effective = programmatic;
		}
		else {
			// without a per-call layer the outcome depends on the method only: resolve it once
			effective = methodPolicies.get(caller.method());
			if (effective == null) {
				effective = methodPolicies.computeIfAbsent(caller.method(), method -> Effective.of(policyFor(method)));
			}
		}
		return effective.call(cache, addresses.addressOf(key), caller);
	}

	/** The address of a key, for operations that need no policy (evict). */
	CachetKey address(Object key) {
		return addresses.addressOf(key);
	}

	/** The max-age and behaviour a call of {@code method} (or {@code null}: application code) gets now. */
	ResolvedPolicy policyFor(@Nullable CachedMethod method) {
		return layered((method != null) ? method.policy() : MethodPolicy.NONE, Cachet.current());
	}

	private ResolvedPolicy layered(MethodPolicy methodPolicy, @Nullable CallOptions options) {
		return ResolvedPolicy.resolve(settings.globalMaxAge(), settings.cacheMaxAge(), settings.cacheBehaviour(),
				settings.globalWindows(), settings.cacheWindows(), methodPolicy, options);
	}

	/** The max-age, behaviour and stale windows in force. */
	private record Effective(Duration maxAge, Behaviour behaviour, Duration staleWhileRevalidate,
			Duration staleIfError, Duration storageWindow) {

		static Effective of(ResolvedPolicy policy) {
			return new Effective(policy.effectiveMaxAge(), policy.effectiveBehaviour(),
					policy.effectiveStaleWhileRevalidate(), policy.effectiveStaleIfError(), policy.storageWindow());
		}

		Call call(String cache, CachetKey address, Caller caller) {
			// a collector of stale entries only when a window is open: reads without windows allocate nothing more
			boolean windows = !staleWhileRevalidate.isZero() || !staleIfError.isZero();
			return new Call(cache, address, caller, maxAge, behaviour, staleWhileRevalidate, staleIfError,
					storageWindow, windows ? new StaleEntry() : null);
		}

	}

}
