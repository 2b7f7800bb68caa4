package dev.cachet.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisServersTests {

	private final String forcedKind = System.getProperty(RedisServers.KIND_PROPERTY);

	@BeforeEach
	void clearProperty() {
		System.clearProperty(RedisServers.KIND_PROPERTY);
	}

	@AfterEach
	void restoreProperty() {
		if (this.forcedKind != null) {
			System.setProperty(RedisServers.KIND_PROPERTY, this.forcedKind);
		}
		else {
			System.clearProperty(RedisServers.KIND_PROPERTY);
		}
	}

	@Test
	void embeddedBinaryServesAndRestarts() {
		System.setProperty(RedisServers.KIND_PROPERTY, "embedded");
		try (RedisServer redis = RedisServers.start()) {
			assertThat(redis.kind()).isEqualTo("embedded");
			assertThat(RedisPing.answers(redis.host(), redis.port())).isTrue();
			redis.stop();
			assertThat(RedisPing.answers(redis.host(), redis.port())).isFalse();
			redis.start();
			assertThat(RedisPing.answers(redis.host(), redis.port())).isTrue();
		}
	}

	@Test
	void withoutDockerPrefersRedisServerOnPathElseEmbedded() {
		try (RedisServer redis = RedisServers.start()) {
			String expected = RedisServers.redisServerOnPath().isPresent() ? "path" : "embedded";
			assertThat(redis.kind()).isIn(expected, "docker");
			assertThat(RedisPing.answers(redis.host(), redis.port())).isTrue();
		}
	}

}
