package dev.cachet.backend.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import dev.cachet.core.tier.CircuitBreaker;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * How the runner tells a slow or dead server from a busy client, on a real Redis that the tests
 * freeze (SIGSTOP) and resume. Time bounds are fault bounds: lower bounds hold by construction, upper
 * bounds are generous.
 */
@ExtendWith(RedisServerExtension.class)
class RedisCommandRunnerTests {

	private static final byte[] KEY = RedisKeys.bytes("runner:key");

	private final TestRedis testRedis = new TestRedis();

	private final List<RedisCommandRunner> runners = new ArrayList<>();

	@AfterEach
	void tearDown() {
		this.runners.forEach(RedisCommandRunner::close);
		this.testRedis.close();
	}

	@Test
	void aServerThatAnswersAfterTheBudgetButWithinTheAnswerTimeoutDoesNotCountAgainstTheCircuit(RedisServer redis)
			throws Exception {
		RedisCommandRunner runner = connected(redis, Duration.ofMillis(100), Duration.ofSeconds(3), 2,
				new ClientStalls());
		redis.pause();
		List<CompletableFuture<byte[]>> calls = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				calls.add(runner.submit(KEY, (commands) -> commands.get(KEY)));
			}
			for (CompletableFuture<byte[]> call : calls) {
				assertThatException().isThrownBy(call::get).havingCause().isInstanceOf(TimeoutException.class);
			}
			Thread.sleep(300);
		}
		finally {
			redis.resume();
		}
		// the probe's answer arrives now; the verdicts fall due 3 s after the calls were sent
		await().atMost(Duration.ofSeconds(10)).until(() -> runner.statistics().timeouts() == 3);
		Thread.sleep(3_500);
		assertThat(runner.statistics()).isEqualTo(new RedisCommandStatistics(3, 0, 0, 0));
		assertThat(runner.circuits().worstState()).isEqualTo(CircuitBreaker.State.CLOSED);
		byte[] value = runner.call(KEY, (commands) -> commands.get(KEY));
		assertThat(value).isEqualTo(KEY);
	}

	@Test
	void aFrozenServerOpensTheCircuitOnceTheAnswerTimeoutHasPassedWithoutAnAnswer(RedisServer redis) throws Exception {
		Duration answerTimeout = Duration.ofMillis(600);
		RedisCommandRunner runner = connected(redis, Duration.ofMillis(100), answerTimeout, 2, new ClientStalls());
		redis.pause();
		try {
			long start = System.nanoTime();
			for (int i = 0; i < 2; i++) {
				assertThatException().isThrownBy(() -> runner.call(KEY, (commands) -> commands.get(KEY)))
					.isInstanceOf(TimeoutException.class);
			}
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
				.until(() -> runner.circuits().worstState() == CircuitBreaker.State.OPEN);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("opened only after the answer timeout")
				.isGreaterThanOrEqualTo(answerTimeout);
			assertThatException().isThrownBy(() -> runner.call(KEY, (commands) -> commands.get(KEY)))
				.isInstanceOf(CircuitBreaker.OpenException.class);
			RedisCommandStatistics statistics = runner.statistics();
			assertThat(statistics.serverFailures()).isEqualTo(2);
			assertThat(statistics.refusals()).isEqualTo(1);
			assertThat(statistics.circuitOpenings()).isEqualTo(1);
			assertThat(runner.circuits().health().detail()).isEqualTo("circuit open after: no answer within 600 ms");
		}
		finally {
			redis.resume();
		}
	}

	@Test
	void timeThisJvmWasStalledDoesNotCountAgainstTheBudget(RedisServer redis) throws Exception {
		ClientStalls stalls = new ClientStalls();
		RedisCommandRunner runner = connected(redis, Duration.ofMillis(100), Duration.ofSeconds(5), 5, stalls);

		redis.pause();
		CompletableFuture<byte[]> unstalled;
		try {
			unstalled = runner.submit(KEY, (commands) -> commands.get(KEY));
			Thread.sleep(400);
		}
		finally {
			redis.resume();
		}
		assertThatException().isThrownBy(unstalled::get).havingCause().isInstanceOf(TimeoutException.class);

		redis.pause();
		CompletableFuture<byte[]> stalled;
		try {
			stalled = runner.submit(KEY, (commands) -> commands.get(KEY));
			stalls.add(Duration.ofSeconds(2).toNanos()); // as the meter would after a 2 s pause of this JVM
			Thread.sleep(400);
		}
		finally {
			redis.resume();
		}
		assertThat(stalled.get()).as("answered 400 ms late, but the JVM stalled for longer").isEqualTo(KEY);
	}

	@Test
	void noStallMakesACallWaitPastTheAnswerTimeout(RedisServer redis) throws Exception {
		ClientStalls stalls = new ClientStalls();
		Duration answerTimeout = Duration.ofMillis(500);
		RedisCommandRunner runner = connected(redis, Duration.ofMillis(100), answerTimeout, 5, stalls);
		redis.pause();
		try {
			long start = System.nanoTime();
			CompletableFuture<byte[]> call = runner.submit(KEY, (commands) -> commands.get(KEY));
			stalls.add(Duration.ofMinutes(1).toNanos());
			assertThatException().isThrownBy(call::get).isInstanceOf(ExecutionException.class)
				.havingCause().isInstanceOf(TimeoutException.class);
			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			assertThat(waited).isGreaterThanOrEqualTo(answerTimeout).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			redis.resume();
		}
	}

	private RedisCommandRunner connected(RedisServer redis, Duration budget, Duration answerTimeout, int threshold,
			ClientStalls stalls) {
		RedisTierSettings settings = RedisTierSettings.DEFAULTS.withTimeout(budget)
			.withCircuitBreaker(threshold, Duration.ofSeconds(30))
			.withAnswerTimeout(answerTimeout);
		RedisCommandRunner runner = new RedisCommandRunner(this.testRedis.factory(redis), settings, Clock.systemUTC(),
				stalls);
		this.runners.add(runner);
		// The first connection of a fresh client may take longer than the budget on a busy machine.
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
			.until(() -> "OK".equals(runner.call(KEY, (commands) -> commands.set(KEY, KEY))));
		return runner;
	}

}
