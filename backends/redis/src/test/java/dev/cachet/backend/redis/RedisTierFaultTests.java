package dev.cachet.backend.redis;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.cachet.core.tier.CircuitBreaker;
import dev.cachet.core.tier.TierHealth;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/** Redis dies while the tier is in use, then comes back. Time bounds are fault bounds, not benchmarks. */
@ExtendWith(RedisServerExtension.class)
class RedisTierFaultTests {

	private static final Duration FAULT_BOUND = Duration.ofSeconds(1);

	private final TestRedis testRedis = new TestRedis();

	@AfterEach
	void tearDown() {
		this.testRedis.close();
	}

	@Test
	void failsWithinBudgetOpensCircuitAndRecoversWithoutRecreatingTheTier(RedisServer redis) throws Exception {
		RedisTierSettings settings = RedisTierSettings.DEFAULTS.withKeyPrefix("fault:")
			.withTimeout(Duration.ofMillis(200))
			.withCircuitBreaker(3, Duration.ofMillis(500))
			.withAnswerTimeout(Duration.ofMillis(400));
		RedisTier tier = new RedisTier(this.testRedis.factory(redis), settings);
		// The first connection of a fresh client may take longer than the budget on a busy machine.
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
			tier.put("c", "k", TestRedis.envelope("v"), Duration.ofMinutes(1));
			assertThat(tier.get("c", "k")).isNotNull();
		});

		redis.stop();
		assertFailsWithin(() -> tier.get("c", "k"));
		assertFailsWithin(() -> {
			tier.put("c", "k", TestRedis.envelope("w"), Duration.ofMinutes(1));
			return null;
		});
		assertFailsWithin(() -> tier.get("c", "k"));
		// Lettuce keeps commands for a dead server until it reconnects: they fail by silence, which the
		// circuit counts once the answer timeout has passed without any answer.
		await().atMost(FAULT_BOUND).pollInterval(Duration.ofMillis(10))
			.until(() -> tier.circuitState() == CircuitBreaker.State.OPEN);
		assertThat(tier.health().state()).isEqualTo(TierHealth.State.CIRCUIT_OPEN);
		assertThatException().isThrownBy(() -> tier.get("c", "k")).isInstanceOf(CircuitBreaker.OpenException.class);
		assertThatException().isThrownBy(() -> tier.evict("c", "k")).isInstanceOf(CircuitBreaker.OpenException.class);

		redis.start();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
			tier.put("c", "k2", TestRedis.envelope("back"), Duration.ofMinutes(1));
			assertThat(tier.get("c", "k2")).isNotNull();
		});
		assertThat(tier.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(tier.health()).isEqualTo(TierHealth.up());
		tier.close();
	}

	@Test
	void constructedWhileRedisIsDownThenServesWhenItComesUp(RedisServer redis) throws Exception {
		redis.stop();
		RedisTierSettings settings = RedisTierSettings.DEFAULTS.withKeyPrefix("late:")
			.withTimeout(Duration.ofMillis(200))
			.withCircuitBreaker(2, Duration.ofMillis(300));
		RedisTier tier = new RedisTier(this.testRedis.factory(redis), settings);
		assertFailsWithin(() -> tier.get("c", "k"));
		redis.start();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
			tier.put("c", "k", TestRedis.envelope("v"), Duration.ofMinutes(1));
			assertThat(tier.get("c", "k")).isNotNull();
		});
		tier.close();
	}

	private static void assertFailsWithin(Callable<?> call) {
		long start = System.nanoTime();
		assertThatException().isThrownBy(call::call);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAULT_BOUND);
	}

}
