package dev.cachet.autoconfigure;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cachet.core.cache.CacheMethodCatalog;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.codec.ValueCodec;
import dev.cachet.core.codec.ValueTypes;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.Caller;

/**
 * Once the application is ready, {@linkplain ValueCodec#prepare prepares} the codec for the types
 * the cached methods found at start-up return (those of {@code @Cacheable} and {@code @CachePut}
 * methods, with what {@link ValueTypes} finds inside them), on a daemon thread of its own: start-up
 * does not wait for it, and the first hit of each type after a restart does not generate code. A
 * hit that comes while a type is being prepared waits for that type's code, as it would have
 * generated it itself. Then it runs the warm-up it is given: Cachet's own read path once through
 * the local tiers ({@link TieredCacheManager#warmUp()}) and one call through the application's
 * caching proxy chain ({@link CallPathWarmUp}), which the first hit after a restart would otherwise
 * pay for. Failures are logged at DEBUG only.
 */
class CodecPreparation extends AfterReadyTask {

	private static final Logger logger = LoggerFactory.getLogger(CodecPreparation.class);

	static final String THREAD_NAME = "cachet-codec-prepare";

	private final CacheMethodCatalog catalog;

	private final ValueCodec codec;

	private final Runnable warmUp;

	/** @param warmUp runs the read and call paths once, after the codec is prepared */
	CodecPreparation(CacheMethodCatalog catalog, ValueCodec codec, Runnable warmUp) {
		super(THREAD_NAME);
		this.catalog = catalog;
		this.codec = codec;
		this.warmUp = warmUp;
	}

	@Override
	void run() {
		prepare();
	}

	/** Collects the value types and prepares the codec for them; never throws. */
	void prepare() {
		try {
			long start = System.nanoTime();
			Set<Class<?>> types = valueTypes();
			codec.prepare(types);
			logger.debug("Codec {} prepared for {} types in {} ms: {}", codec.id(), types.size(),
					(System.nanoTime() - start) / 1_000_000, types);
			warmUp.run();
		}
		catch (Throwable ex) {
			logger.debug("Codec not prepared for the cached methods' types: {}", ex.toString(), ex);
		}
	}

	/** The classes values of the scanned {@code @Cacheable} and {@code @CachePut} methods may hold. */
	Set<Class<?>> valueTypes() {
		ValueTypes types = new ValueTypes();
		for (String cache : catalog.cacheNames()) {
			for (CacheMethodCatalog.Binding binding : catalog.bindingsOf(cache)) {
				if (binding.role() == Caller.Role.CACHEABLE || binding.role() == Caller.Role.PUT) {
					CachedMethod method = binding.method();
					if (!method.returnsFile()) {
						types.addReturnTypeOf(method.method(), method.userClass());
					}
				}
			}
		}
		return types.classes();
	}

}
