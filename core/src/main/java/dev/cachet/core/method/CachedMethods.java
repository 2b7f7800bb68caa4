package dev.cachet.core.method;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.BridgeMethodResolver;
import org.springframework.util.ClassUtils;

import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.key.CacheKeyIgnore;
import dev.cachet.core.policy.MethodPolicy;

/**
 * Resolves and remembers {@link CachedMethod}s: the user class behind any proxy, the most specific
 * non-bridge method, its fingerprint (computed once, when first asked for) and its policy
 * annotations.
 */
public class CachedMethods {

	private final MethodFingerprinter fingerprinter;

	/**
	 * By method, then target class. Callers pass the same {@link Method} instance on every call, so
	 * lookups succeed on reference equality, without {@link Method#equals}, which compares parameter
	 * types.
	 */
	private final ConcurrentMap<Method, ByTarget> methods = new ConcurrentHashMap<>();

	/** By method id, for checking an entry's producer against its current fingerprint. */
	private final ConcurrentMap<String, CachedMethod> byId = new ConcurrentHashMap<>();

	public CachedMethods(MethodFingerprinter fingerprinter) {
		this.fingerprinter = fingerprinter;
	}

	/**
	 * The cached method for a call on {@code targetClass} (a proxy, a CGLIB subclass or the user
	 * class) through {@code method} (possibly an interface method), with no bean to follow: its
	 * fingerprint sees code only, unless a call with a bean resolved it first.
	 */
	public CachedMethod resolve(Class<?> targetClass, Method method) {
		return resolve(targetClass, method, null);
	}

	/**
	 * The cached method for a call on {@code target} (the bean, or a proxy of it) of class
	 * {@code targetClass} through {@code method} (possibly an interface method). The first
	 * resolution decides that the method's fingerprint will follow the objects this bean holds; it is
	 * computed when first asked for.
	 */
	public CachedMethod resolve(Class<?> targetClass, Method method, @Nullable Object target) {
		ByTarget byTarget = methods.get(method);
		if (byTarget == null) {
			byTarget = methods.computeIfAbsent(method, key -> new ByTarget(targetClass, create(targetClass, method, target)));
		}
		if (byTarget.firstClass == targetClass) {
			return byTarget.first;
		}
		return byTarget.others.computeIfAbsent(targetClass, key -> create(targetClass, method, target));
	}

	/** Every method resolved so far. */
	public Collection<CachedMethod> all() {
		return List.copyOf(byId.values());
	}

	/** The method with this id, if it was resolved in this JVM. */
	public Optional<CachedMethod> byId(String methodId) {
		return Optional.ofNullable(byId.get(methodId));
	}

	private CachedMethod create(Class<?> targetClass, Method method, @Nullable Object target) {
		Class<?> userClass = ClassUtils.getUserClass(targetClass);
		Method specific = BridgeMethodResolver.findBridgedMethod(AopUtils.getMostSpecificMethod(method, userClass));
		String id = CachedMethod.idOf(userClass, specific);
		// a method reached through several proxies or interface methods is one method: fingerprint it once
		return byId.computeIfAbsent(id, key -> new CachedMethod(id, userClass, specific,
				() -> fingerprinter.fingerprint(userClass, specific, target), ignoredParameters(specific, method),
				MethodPolicy.of(userClass, specific)));
	}

	/** {@link CacheKeyIgnore} counts on the implementation or on the interface method it implements. */
	private static boolean[] ignoredParameters(Method specific, Method declared) {
		Annotation[][] onSpecific = specific.getParameterAnnotations();
		Annotation[][] onDeclared = declared.getParameterAnnotations();
		boolean[] ignored = new boolean[onSpecific.length];
		for (int i = 0; i < ignored.length; i++) {
			ignored[i] = hasIgnore(onSpecific[i]) || (i < onDeclared.length && hasIgnore(onDeclared[i]));
		}
		return ignored;
	}

	/**
	 * The cached methods of one {@link Method}, by target class: nearly always a single class, which
	 * a reference comparison finds, so a cached call costs one map lookup.
	 */
	private static final class ByTarget {

		final Class<?> firstClass;

		final CachedMethod first;

		final ConcurrentMap<Class<?>, CachedMethod> others = new ConcurrentHashMap<>();

		ByTarget(Class<?> firstClass, CachedMethod first) {
			this.firstClass = firstClass;
			this.first = first;
		}

	}

	private static boolean hasIgnore(Annotation[] annotations) {
		for (Annotation annotation : annotations) {
			if (annotation.annotationType() == CacheKeyIgnore.class) {
				return true;
			}
		}
		return false;
	}

}
