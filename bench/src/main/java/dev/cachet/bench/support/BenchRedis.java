package dev.cachet.bench.support;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Where the Redis server started by the runner listens: the forked benchmark JVMs get it as the
 * system properties {@value #HOST_PROPERTY} and {@value #PORT_PROPERTY}.
 */
public final class BenchRedis {

	public static final String HOST_PROPERTY = "bench.redis.host";

	public static final String PORT_PROPERTY = "bench.redis.port";

	private BenchRedis() {
	}

	public static String host() {
		return System.getProperty(HOST_PROPERTY, "localhost");
	}

	public static int port() {
		String port = System.getProperty(PORT_PROPERTY);
		if (port == null) {
			throw new IllegalStateException("No Redis for the benchmark: run it through dev.cachet.bench.BenchRunner, "
					+ "or set -D" + PORT_PROPERTY);
		}
		return Integer.parseInt(port);
	}

	/** A started Lettuce connection factory to the benchmark's Redis. */
	public static LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host(), port()));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
