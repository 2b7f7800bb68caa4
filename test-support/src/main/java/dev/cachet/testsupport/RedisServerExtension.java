package dev.cachet.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class one real Redis server (see {@link RedisServers}), injected as a
 * {@link RedisServer} parameter into constructors, lifecycle and test methods. The server is
 * started again before each test if an earlier test stopped it, and closed after the class.
 *
 * <pre>
 * &#64;ExtendWith(RedisServerExtension.class)
 * class MyTests {
 *     &#64;Test
 *     void works(RedisServer redis) { ... redis.host(), redis.port(), redis.stop(), redis.start() }
 * }
 * </pre>
 */
public class RedisServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(RedisServerExtension.class);

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
		return parameterContext.getParameter().getType() == RedisServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return server(extensionContext);
	}

	private static RedisServer server(ExtensionContext context) {
		ExtensionContext classContext = classContext(context);
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(classContext.getRequiredTestClass(), (key) -> RedisServers.start(), RedisServer.class);
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

}
