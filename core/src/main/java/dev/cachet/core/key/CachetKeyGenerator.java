package dev.cachet.core.key;

import java.lang.reflect.Method;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import com.dynatrace.hash4j.hashing.HashValue128;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.cache.interceptor.KeyGenerator;

/**
 * Cachet's {@link KeyGenerator}: method identity, code fingerprint, canonical argument hash and
 * key contributors, hashed to a {@link CachetKey}. Two methods sharing a cache never collide, and
 * editing a method (or a helper it reaches) changes its keys.
 *
 * <p>Arguments it cannot hash canonically make the call run uncached, with one warning per method
 * and a count in {@link #uncacheableCalls()}; it never guesses a key.
 */
public class CachetKeyGenerator implements KeyGenerator {

	private static final Logger logger = LoggerFactory.getLogger(CachetKeyGenerator.class);

	private final CachedMethods methods;

	private final CanonicalArgumentHasher hasher;

	private final List<KeyContributor> contributors;

	private final LongAdder uncacheableCalls = new LongAdder();

	public CachetKeyGenerator(CachedMethods methods, CanonicalArgumentHasher hasher, List<KeyContributor> contributors) {
		this.methods = methods;
		this.hasher = hasher;
		this.contributors = List.copyOf(contributors);
	}

	@Override
	public Object generate(Object target, Method method, Object... params) {
		CachedMethod cached = methods.resolve(AopProxyUtils.ultimateTargetClass(target), method);
		try {
			ArgumentDigest digest = hasher.newDigest();
			HashValue128 identity = cached.identity();
			digest.putLong(identity.getMostSignificantBits())
				.putLong(identity.getLeastSignificantBits())
				.putInt(params.length);
			for (int i = 0; i < params.length; i++) {
				if (cached.ignores(i)) {
					digest.putBoolean(false);
				}
				else {
					digest.putBoolean(true).putValue(params[i]);
				}
			}
			contribute(digest);
			return CachetKey.of(hex(digest.finish()), cached);
		}
		catch (UnsupportedArgumentException ex) {
			uncacheableCalls.increment();
			if (cached.firstUnsupportedArgument()) {
				logger.warn("Calls of {} run uncached: {}. Annotate the parameter with @CacheKeyIgnore if it does "
						+ "not change the result, or register an ArgumentHasher bean for its type.", cached.id(),
						ex.getMessage());
			}
			return CachetKey.uncacheable(cached);
		}
	}

	/**
	 * A key for a value given explicitly in a cache annotation ({@code key = "#id"}), scoped to the
	 * cache name. Such keys carry no method, so the cache's own policy applies.
	 */
	public CachetKey keyFor(String cacheName, Object key) {
		try {
			ArgumentDigest digest = hasher.newDigest();
			digest.putString("explicit-key").putString(cacheName).putValue(key);
			contribute(digest);
			return CachetKey.of(hex(digest.finish()), null);
		}
		catch (UnsupportedArgumentException ex) {
			uncacheableCalls.increment();
			logger.debug("Key of cache '{}' cannot be hashed, call runs uncached: {}", cacheName, ex.getMessage());
			return CachetKey.uncacheable(null);
		}
	}

	/** Calls that ran uncached because an argument could not be hashed. */
	public long uncacheableCalls() {
		return uncacheableCalls.sum();
	}

	/** The methods seen so far. */
	public CachedMethods methods() {
		return methods;
	}

	private void contribute(ArgumentDigest digest) throws UnsupportedArgumentException {
		for (KeyContributor contributor : contributors) {
			digest.putString(contributor.name());
			contributor.contribute(digest);
		}
	}

	private static String hex(HashValue128 hash) {
		HexFormat hex = HexFormat.of();
		return hex.toHexDigits(hash.getMostSignificantBits()) + hex.toHexDigits(hash.getLeastSignificantBits());
	}

}
