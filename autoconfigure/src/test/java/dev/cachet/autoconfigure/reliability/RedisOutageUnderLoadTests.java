package dev.cachet.autoconfigure.reliability;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import dev.cachet.autoconfigure.reliability.values.Sample;
import dev.cachet.core.cache.TierStatistics;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.tier.CircuitBreaker;
import dev.cachet.core.tier.TierHealth;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills Redis (SIGKILL) under load and starts it again on the same port: calls through memory, disk and
 * Redis tiers keep returning right results within the time budget, and the same Redis tier serves again
 * once the server is back, with nothing recreated.
 */
@ExtendWith(RedisServerExtension.class)
class RedisOutageUnderLoadTests {

	/** Generous: a failing Redis call costs at most its 200 ms budget, a miss two such calls. */
	private static final Duration MAX_CALL = Duration.ofSeconds(1);

	@TempDir
	Path disk;

	@Test
	void redisKilledAndRestartedUnderLoad(RedisServer server) throws Exception {
		try (HandWiredTiers tiers = new HandWiredTiers(server, this.disk, 256 * 1024);
				AnnotationConfigApplicationContext context = tiers.application(SampleService.class)) {
			SampleService service = context.getBean(SampleService.class);
			TierStatistics redis = tiers.manager.tiers().get("redis").statistics();
			// A fresh client connects in the background; until then a Redis call is a miss.
			awaitRedisServes(tiers, service, 1_000_000);

			// Fresh keys: most calls miss memory and disk and so reach Redis.
			try (CallLoad load = new CallLoad(service::sample, 200_000, 4)) {
				load.runUntil(() -> redis.puts() > 200, Duration.ofSeconds(20));
				long putsBeforeKill = redis.puts();
				long errorsBeforeKill = redis.errors();

				server.stop();
				AtomicBoolean circuitOpened = new AtomicBoolean();
				load.runUntil(() -> {
					circuitOpened.compareAndSet(false, tiers.redis.circuitState() != CircuitBreaker.State.CLOSED);
					return false;
				}, Duration.ofSeconds(3));
				long errorsDuringOutage = redis.errors() - errorsBeforeKill;
				long putsDuringOutage = redis.puts();

				server.start();
				boolean recovered = load.runUntil(() -> redis.puts() > putsDuringOutage + 200, Duration.ofSeconds(30));
				load.close();
				System.out.printf("redis outage (%s): %s; %d Redis writes before the kill, %d Redis errors while down, "
						+ "circuit opened: %s%n", server.kind(), load, putsBeforeKill, errorsDuringOutage, circuitOpened);

				assertThat(load.exceptions()).isEmpty();
				assertThat(load.wrongResults()).isZero();
				assertThat(load.slowestCall()).isLessThan(MAX_CALL);
				assertThat(errorsDuringOutage).as("Redis failures counted while it was down").isPositive();
				assertThat(circuitOpened).as("the circuit breaker opened").isTrue();
				assertThat(recovered).as("Redis writes resumed on the same tier").isTrue();
			}
			assertThat(tiers.redis.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
			assertThat(tiers.redis.health()).isEqualTo(TierHealth.up());
			awaitRedisServes(tiers, service, 2_000_000);
		}
	}

	/** Waits until a value computed through the application can be read from the Redis tier itself. */
	private static void awaitRedisServes(HandWiredTiers tiers, SampleService service, int firstKey) throws Exception {
		Method sample = SampleService.class.getMethod("sample", int.class);
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		for (int n = firstKey; System.nanoTime() < deadline; n++) {
			assertThat(service.sample(n)).isEqualTo(Sample.of(n));
			CachetKey key = (CachetKey) tiers.manager.keyGenerator().generate(service, sample, n);
			if (readFromRedis(tiers, key) != null) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("the Redis tier did not serve within 20 s");
	}

	private static Envelope readFromRedis(HandWiredTiers tiers, CachetKey key) {
		try {
			return tiers.redis.get("samples", key.id());
		}
		catch (Exception ex) {
			return null;
		}
	}

}
