package dev.cachet.autoconfigure;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CacheOperationSource;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.cachet.core.cache.CacheMethodCatalog;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.method.Caller;
import dev.cachet.core.hash.CanonicalArgumentHasher;

/**
 * At start-up, finds every bean method with a cache annotation, whatever its key kind, resolves it
 * (so entries written by a {@code @CachePut} method can be checked against its current code before
 * it is first called), records it in the {@link CacheMethodCatalog}, and warns about what would
 * make caching surprising: parameter types that can never be hashed, two {@code @Cacheable} methods
 * sharing a cache, and operations routed around Cachet's binding. The methods' fingerprints, the
 * expensive part, are left to the {@link FingerprintPass} after start-up; the state of the beans
 * they follow is captured here, so they see the beans as wired.
 */
class CachedMethodScanner implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(CachedMethodScanner.class);

	private final ListableBeanFactory beanFactory;

	private final CacheOperationSource operations;

	private final CachedMethods methods;

	private final MethodFingerprinter fingerprinter;

	private final CanonicalArgumentHasher hasher;

	private final CacheMethodCatalog catalog;

	private volatile List<CachedMethod> scanned = List.of();

	CachedMethodScanner(ListableBeanFactory beanFactory, CacheOperationSource operations, CachedMethods methods,
			MethodFingerprinter fingerprinter, CanonicalArgumentHasher hasher, CacheMethodCatalog catalog) {
		this.beanFactory = beanFactory;
		this.operations = operations;
		this.methods = methods;
		this.fingerprinter = fingerprinter;
		this.hasher = hasher;
		this.catalog = catalog;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Set<CachedMethod> found = new LinkedHashSet<>(); // a method behind several beans is one
		for (String name : beanFactory.getBeanDefinitionNames()) {
			Class<?> type = beanFactory.getType(name, false);
			if (type != null) {
				Class<?> userClass = ClassUtils.getUserClass(type);
				Object bean = singleton(name, type);
				boolean cached = false;
				for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass, ReflectionUtils.USER_DECLARED_METHODS)) {
					cached |= scan(userClass, method, bean, found);
				}
				if (cached && bean != null) {
					// its fingerprints come later: they must see the bean as wired, not as changed since
					fingerprinter.captureState(userClass, bean);
				}
			}
		}
		scanned = List.copyOf(found);
		warnAboutSharedCaches();
	}

	/** The cached methods found at start-up, not necessarily fingerprinted yet. */
	List<CachedMethod> scanned() {
		return scanned;
	}

	/**
	 * The bean when it exists already, so fingerprints see what it was wired with; never created
	 * here (a lazy or scoped bean is fingerprinted with its first call instead).
	 */
	private @Nullable Object singleton(String name, Class<?> type) {
		if (beanFactory instanceof ConfigurableListableBeanFactory registry && registry.containsSingleton(name)) {
			Object bean = registry.getSingleton(name);
			return type.isInstance(bean) ? bean : null;
		}
		return null;
	}

	/** @return whether {@code method} has cache operations */
	private boolean scan(Class<?> userClass, Method method, @Nullable Object bean, Set<CachedMethod> found) {
		Collection<CacheOperation> cacheOperations = operations.getCacheOperations(method, userClass);
		if (cacheOperations == null || cacheOperations.isEmpty()) {
			return false;
		}
		CachedMethod cached = methods.resolve(userClass, method, bean);
		found.add(cached);
		for (CacheOperation operation : cacheOperations) {
			if (!operation.getCacheManager().isEmpty() || !operation.getCacheResolver().isEmpty()) {
				logger.warn("{} names its own cache manager or resolver: Cachet caches it reaches are not bound to "
						+ "the method, so its entries are not checked against its code. Use the default resolver "
						+ "or a CachingConfigurer instead.", cached.id());
			}
			Caller.Role role = CallerBindingCacheResolver.role(operation);
			operation.getCacheNames().forEach(cache -> catalog.bind(cache, cached, role, keyKind(operation)));
		}
		if (cacheOperations.stream().anyMatch(CachedMethodScanner::keyedByCachet)) {
			warnAboutUnhashableParameters(cached);
		}
		return true;
	}

	private void warnAboutUnhashableParameters(CachedMethod cached) {
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

	private void warnAboutSharedCaches() {
		for (String cache : catalog.cacheNames()) {
			List<String> readers = catalog.bindingsOf(cache)
				.stream()
				.filter(binding -> binding.role() == Caller.Role.CACHEABLE)
				.map(binding -> binding.method().id())
				.distinct()
				.toList();
			if (readers.size() > 1) {
				logger.warn("Cache '{}' is shared by the @Cacheable methods {}: calls with equal keys share one "
						+ "entry. Cachet never serves one method's result to another, so they displace each other; "
						+ "give each method its own cache to keep both.", cache, readers);
			}
		}
	}

	private static CacheMethodCatalog.KeyKind keyKind(CacheOperation operation) {
		if (!operation.getKey().isEmpty()) {
			return CacheMethodCatalog.KeyKind.EXPRESSION;
		}
		return operation.getKeyGenerator().isEmpty() ? CacheMethodCatalog.KeyKind.DEFAULT
				: CacheMethodCatalog.KeyKind.GENERATOR;
	}

	private static boolean keyedByCachet(CacheOperation operation) {
		return operation.getKey().isEmpty() && operation.getKeyGenerator().isEmpty();
	}

}
