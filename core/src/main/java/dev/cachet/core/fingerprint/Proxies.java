package dev.cachet.core.fingerprint;

import java.lang.reflect.Proxy;
import java.util.List;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.util.ClassUtils;

/**
 * Sees through the classes the JVM and Spring generate at run time, whose names change between
 * runs: AOP proxies (to their target), CGLIB subclasses (to the user class), JDK proxies (to their
 * interfaces) and lambdas (to the class that declares them).
 */
final class Proxies {

	private static final String LAMBDA = "$$Lambda";

	private Proxies() {
	}

	/** The object behind any Spring AOP proxies with a fixed target. */
	static Object unwrap(Object object) {
		Object current = object;
		Object target = AopProxyUtils.getSingletonTarget(current);
		while (target != null && target != current) {
			current = target;
			target = AopProxyUtils.getSingletonTarget(current);
		}
		return current;
	}

	/** The class the user wrote: a CGLIB subclass's superclass. */
	static Class<?> userClass(Object object) {
		return ClassUtils.getUserClass(object);
	}

	static boolean isLambda(Class<?> type) {
		return type.isSynthetic() && type.getName().contains(LAMBDA);
	}

	/** The binary name of the class a lambda was written in. */
	static String lambdaHost(Class<?> lambdaType) {
		return lambdaType.getName().substring(0, lambdaType.getName().indexOf(LAMBDA));
	}

	/** The classes whose code a runtime object runs: a JDK proxy's interfaces, else its class. */
	static List<Class<?>> codeClasses(Class<?> type) {
		return Proxy.isProxyClass(type) ? List.of(type.getInterfaces()) : List.of(ClassUtils.getUserClass(type));
	}

}
