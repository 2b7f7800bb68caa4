package dev.cachet.testsupport;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class one server, injected as a parameter into constructors, lifecycle and test
 * methods. The server is started again before each test if an earlier test stopped it, and closed
 * with the class (the JUnit store closes it).
 *
 * @param <S> the server type
 */
abstract class ServerPerTestClass<S extends TestServer> implements BeforeAllCallback, BeforeEachCallback,
		ParameterResolver {

	private final Class<S> type;

	private final Supplier<S> factory;

	private final ExtensionContext.Namespace namespace;

	ServerPerTestClass(Class<S> type, Supplier<S> factory) {
		this.type = type;
		this.factory = factory;
		this.namespace = ExtensionContext.Namespace.create(getClass());
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		server(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		server(context).start();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == type;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return server(extensionContext);
	}

	private S server(ExtensionContext context) {
		ExtensionContext classContext = classContext(context);
		return classContext.getStore(namespace)
			.computeIfAbsent(classContext.getRequiredTestClass(), (key) -> factory.get(), type);
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

}
