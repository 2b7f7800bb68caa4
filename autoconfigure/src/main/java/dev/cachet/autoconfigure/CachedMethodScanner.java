package dev.cachet.autoconfigure;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CacheOperationSource;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.cachet.core.cache.CacheMethodCatalog;
import dev.cachet.core.cache.FingerprintJournal;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.hash.CanonicalArgumentHasher;

/**
 * At start-up, finds every cached bean method keyed by Cachet, computes its fingerprint (so the
 * first call does not pay for it), records it in the {@link FingerprintJournal} (which logs what
 * changed since the last run), notes in the {@link CacheMethodCatalog} which caches it uses, and
 * warns about parameter types that can never be hashed.
 */
class CachedMethodScanner implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(CachedMethodScanner.class);

	private final ListableBeanFactory beanFactory;

	private final CacheOperationSource operations;

	private final CachedMethods methods;

	private final CanonicalArgumentHasher hasher;

	private final FingerprintJournal journal;

	private final CacheMethodCatalog catalog;

	CachedMethodScanner(ListableBeanFactory beanFactory, CacheOperationSource operations, CachedMethods methods,
			CanonicalArgumentHasher hasher, FingerprintJournal journal, CacheMethodCatalog catalog) {
		this.beanFactory = beanFactory;
		this.operations = operations;
		this.methods = methods;
		this.hasher = hasher;
		this.journal = journal;
		this.catalog = catalog;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : beanFactory.getBeanDefinitionNames()) {
			Class<?> type = beanFactory.getType(name, false);
			if (type != null) {
				Class<?> userClass = ClassUtils.getUserClass(type);
				for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass, ReflectionUtils.USER_DECLARED_METHODS)) {
					scan(userClass, method);
				}
			}
		}
	}

	private void scan(Class<?> userClass, Method method) {
		Collection<CacheOperation> cacheOperations = operations.getCacheOperations(method, userClass);
		if (cacheOperations == null || cacheOperations.stream().noneMatch(CachedMethodScanner::keyedByCachet)) {
			return;
		}
		CachedMethod cached = methods.resolve(userClass, method);
		journal.record(cached);
		cacheOperations.stream()
			.filter(CachedMethodScanner::keyedByCachet)
			.forEach(operation -> operation.getCacheNames().forEach(cache -> catalog.bind(cache, cached)));
		Class<?>[] types = cached.method().getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			Optional<String> reason = cached.ignores(i) ? Optional.empty() : hasher.unsupportedReason(types[i]);
			if (reason.isPresent()) {
				logger.warn("Calls of {} will run uncached: parameter {} ({}) cannot be hashed: {}. Annotate it with "
						+ "@CacheKeyIgnore or register an ArgumentHasher bean.", cached.id(), i, types[i].getName(),
						reason.get());
			}
		}
	}

	private static boolean keyedByCachet(CacheOperation operation) {
		return operation.getKey().isEmpty() && operation.getKeyGenerator().isEmpty();
	}

}
