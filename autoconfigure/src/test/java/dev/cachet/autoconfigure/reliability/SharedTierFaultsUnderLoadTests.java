package dev.cachet.autoconfigure.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;

import dev.cachet.core.cache.TierStatistics;
import dev.cachet.core.tier.TierHealth;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Takes S3 away, then Redis (SIGKILL), then both at once, from a running auto-configured application whose
 * cached method four threads keep calling, and gives them back on the same ports: every result is right,
 * no caller sees an exception, no call takes longer than the time budgets allow, and each restarted tier
 * serves hits again without the application being restarted.
 */
@ExtendWith({ RedisServerExtension.class, S3ServerExtension.class })
class SharedTierFaultsUnderLoadTests {

	/**
	 * Generous: a call reads and writes each shared tier once (an S3 write that finds an object makes up to
	 * three requests: conditional put, head, replacing put), each request cut off at its tier's budget;
	 * doubled for a busy 2-core machine.
	 */
	private static final Duration MAX_CALL = SharedTiersApplication.REDIS_TIMEOUT.multipliedBy(2)
		.plus(SharedTiersApplication.S3_TIMEOUT.multipliedBy(4))
		.multipliedBy(2);

	/**
	 * Short storage caps per tier, so that under load every tier serves: a key read again within 1 s is a
	 * memory hit, within 2 s a disk hit, within 3 s a Redis hit, and later an S3 hit.
	 */
	private static final String[] EVERY_TIER_SERVES = { "cachet.memory.max-age=1s", "cachet.disk.max-age=2s",
			"cachet.redis.max-age=3s" };

	private static final int KEYS = 1_500;

	private static final int RESUMED_HITS = 20;

	@TempDir
	Path disk;

	@Test
	void s3RedisAndBothStoppedAndRestartedUnderLoad(RedisServer redis, S3Server s3) throws Exception {
		try (SharedTiersApplication app = SharedTiersApplication.start(redis, s3, s3.credentials(), this.disk,
				WebApplicationType.NONE, List.of(), EVERY_TIER_SERVES)) {
			app.awaitSharedTiersServe(1_000_000);
			Map<String, TierStatistics> shared = Map.of("redis", app.statistics("redis"), "s3", app.statistics("s3"));
			Map<String, Runnable> stop = Map.of("redis", redis::stop, "s3", s3::stop);
			Map<String, Runnable> start = Map.of("redis", redis::start, "s3", s3::start);
			List<String> report = new ArrayList<>();
			Map<String, Boolean> recovered = new LinkedHashMap<>();
			Map<String, Long> errorsWhileDown = new LinkedHashMap<>();
			try (CallLoad load = new CallLoad(app.bean(SampleService.class)::sample, KEYS, 4)) {
				boolean everyTierServes = load.runUntil(
						() -> shared.values().stream().allMatch((tier) -> tier.hits() > RESUMED_HITS),
						Duration.ofSeconds(60));
				assertThat(everyTierServes).as("Redis and S3 serve hits under load").isTrue();
				for (List<String> down : List.of(List.of("s3"), List.of("redis"), List.of("redis", "s3"))) {
					String outage = String.join("+", down);
					Map<String, Long> errorsBefore = new LinkedHashMap<>();
					down.forEach((tier) -> errorsBefore.put(tier, shared.get(tier).errors()));
					long callsBefore = load.calls();
					down.forEach((tier) -> stop.get(tier).run());
					load.runFor(Duration.ofSeconds(3));
					long callsWhileDown = load.calls() - callsBefore;
					Map<String, Long> errors = new LinkedHashMap<>();
					down.forEach((tier) -> errors.put(tier, shared.get(tier).errors() - errorsBefore.get(tier)));
					errors.forEach((tier, count) -> errorsWhileDown.put(outage + ": " + tier, count));
					Map<String, Long> hitsAtRestart = new LinkedHashMap<>();
					down.forEach((tier) -> hitsAtRestart.put(tier, shared.get(tier).hits()));
					down.forEach((tier) -> start.get(tier).run());
					long restarted = System.nanoTime();
					boolean resumed = load.runUntil(() -> down.stream()
						.allMatch((tier) -> shared.get(tier).hits() > hitsAtRestart.get(tier) + RESUMED_HITS),
							Duration.ofSeconds(30));
					recovered.put(outage, resumed);
					report.add(String.format("%s down 3 s: %d calls served while down, errors counted %s; hits resumed "
							+ "%s after %d ms", outage, callsWhileDown, errors, resumed,
							Duration.ofNanos(System.nanoTime() - restarted).toMillis()));
				}
				load.close();
				report.forEach(System.out::println);
				System.out.printf("shared tier faults (%s Redis): %s; bound %d ms; hits memory %d, disk %d, redis %d, "
						+ "s3 %d%n", redis.kind(), load, MAX_CALL.toMillis(), app.statistics("memory").hits(),
						app.statistics("disk").hits(), shared.get("redis").hits(), shared.get("s3").hits());

				assertThat(load.exceptions()).isEmpty();
				assertThat(load.wrongResults()).isZero();
				assertThat(load.slowestCall()).isLessThan(MAX_CALL);
				assertThat(errorsWhileDown).as("failures were counted by the tier that was down")
					.allSatisfy((outage, errors) -> assertThat(errors).as(outage).isPositive());
				assertThat(recovered).as("hits from each restarted tier resumed")
					.allSatisfy((outage, resumed) -> assertThat(resumed).as(outage).isTrue());
			}
			assertThat(app.tier("redis").health()).isEqualTo(TierHealth.up());
			assertThat(app.tier("s3").health()).isEqualTo(TierHealth.up());
		}
	}

}
