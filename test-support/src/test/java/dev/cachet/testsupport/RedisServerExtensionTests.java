package dev.cachet.testsupport;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisServerExtensionTests {

	@Test
	void injectsRunningServer(RedisServer redis) {
		assertThat(redis.isRunning()).isTrue();
		assertThat(RedisPing.answers(redis.host(), redis.port())).isTrue();
	}

	@Test
	void restartsOnTheSamePort(RedisServer redis) {
		int port = redis.port();
		redis.stop();
		assertThat(RedisPing.answers(redis.host(), port)).isFalse();
		redis.start();
		assertThat(redis.port()).isEqualTo(port);
		assertThat(RedisPing.answers(redis.host(), port)).isTrue();
	}

	@Test
	@Order(1)
	void oneTestStopsTheServer(RedisServer redis) {
		redis.stop();
		assertThat(redis.isRunning()).isFalse();
	}

	@Test
	@Order(2)
	void theNextTestFindsItRunningAgain(RedisServer redis) {
		assertThat(redis.isRunning()).isTrue();
		assertThat(RedisPing.answers(redis.host(), redis.port())).isTrue();
	}

}
