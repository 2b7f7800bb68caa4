package dev.cachet.testsupport;

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
public class RedisServerExtension extends ServerPerTestClass<RedisServer> {

	public RedisServerExtension() {
		super(RedisServer.class, RedisServers::start);
	}

}
