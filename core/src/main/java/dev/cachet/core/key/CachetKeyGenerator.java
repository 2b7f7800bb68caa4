package dev.cachet.core.key;

import java.lang.reflect.Method;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.cache.interceptor.SimpleKeyGenerator;

import dev.cachet.core.hash.UnsupportedArgumentException;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.CachedMethods;

/**
 * Cachet's default {@link KeyGenerator}: Spring's {@link SimpleKeyGenerator} rule over the
 * arguments not marked {@link CacheKeyIgnore}, hashed canonically to a {@link CachetKey}. So a
 * {@code @CacheEvict} with an explicit {@code key = "#id"} reaches what a one-argument
 * {@code @Cacheable} stored, exactly as with Spring's own caches. The code fingerprint is not in
 * the key: the envelope records which method wrote an entry, and a read checks it.
 *
 * <p>Arguments it cannot hash canonically make the call run uncached, with one warning per method;
 * it never guesses a key.
 */
public class CachetKeyGenerator implements KeyGenerator {

	private static final Logger logger = LoggerFactory.getLogger(CachetKeyGenerator.class);

	private final CachedMethods methods;

	private final CacheAddresses addresses;

	public CachetKeyGenerator(CachedMethods methods, CacheAddresses addresses) {
		this.methods = methods;
		this.addresses = addresses;
	}

	@Override
	public Object generate(Object target, Method method, Object... params) {
		CachedMethod cached = methods.resolve(AopProxyUtils.ultimateTargetClass(target), method, target);
		try {
			return addresses.hash(SimpleKeyGenerator.generateKey(keyed(cached, params)));
		}
		catch (UnsupportedArgumentException ex) {
			if (cached.firstUnsupportedArgument()) {
				logger.warn("Calls of {} run uncached: {}. Annotate the parameter with @CacheKeyIgnore if it does "
						+ "not change the result, or register an ArgumentHasher bean for its type.", cached.id(),
						ex.getMessage());
			}
			return CachetKey.uncacheable();
		}
	}

	/** The parameters that take part in the key. */
	private static Object[] keyed(CachedMethod method, Object[] params) {
		if (!method.ignoresAny()) {
			return params;
		}
		int kept = 0;
		Object[] keyed = new Object[params.length];
		for (int i = 0; i < params.length; i++) {
			if (!method.ignores(i)) {
				keyed[kept++] = params[i];
			}
		}
		return java.util.Arrays.copyOf(keyed, kept);
	}

	/** The methods seen so far. */
	public CachedMethods methods() {
		return methods;
	}

	/** The address computation shared with explicit keys. */
	public CacheAddresses addresses() {
		return addresses;
	}

}
