package dev.cachet.sample.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cachet.core.cache.TierBinding;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.sample.AisFileGenerator;
import dev.cachet.sample.AisRepository;
import dev.cachet.sample.SampleApplication;
import dev.cachet.sample.ShipPosition;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServers;
import dev.cachet.testsupport.S3Server;

/**
 * The soak: the sample application's AIS load ({@link AisRepository#load(String)}) in the tiers
 * {@code [memory, disk, redis, s3]}, against a real Redis and a real S3 API that this command starts on
 * loopback ports, called by a few threads for a given number of minutes while faults follow a fixed
 * schedule (Redis killed, S3 stopped, both, disk entries damaged, each followed by a steady phase in which
 * the tiers recover). Every result is compared with the file parsed directly. Prints, per kind of phase,
 * calls, caller errors, wrong results and latency percentiles, then stops; exits 1 if any call failed or
 * returned a wrong result.
 *
 * <p>Arguments: minutes (default 10), seconds per phase (default 15), calling threads (default 4).
 */
public final class Soak {

	/** Kinds of phases, in the order of one round of the schedule (a steady phase after each fault). */
	enum Phase {

		STEADY("steady (recovering after a fault)"), REDIS_KILLED("redis killed"), S3_STOPPED("s3 stopped"),
		BOTH_DOWN("redis killed + s3 stopped"), DISK_CORRUPTED("disk entries corrupted");

		final String label;

		Phase(String label) {
			this.label = label;
		}

	}

	private static final List<Phase> ROUND = List.of(Phase.STEADY, Phase.REDIS_KILLED, Phase.STEADY,
			Phase.S3_STOPPED, Phase.STEADY, Phase.BOTH_DOWN, Phase.STEADY, Phase.DISK_CORRUPTED);

	private static final List<String> TIERS = List.of("memory", "disk", "redis", "s3");

	/** Distinct AIS files, each of a different length, so a result served for the wrong file shows. */
	private static final int FILES = 200;

	private final Duration total;

	private final Duration phaseLength;

	private final int threads;

	private final Map<Phase, PhaseStats> stats = new EnumMap<>(Phase.class);

	private volatile PhaseStats current;

	private volatile boolean running = true;

	private Soak(Duration total, Duration phaseLength, int threads) {
		this.total = total;
		this.phaseLength = phaseLength;
		this.threads = threads;
		for (Phase phase : Phase.values()) {
			this.stats.put(phase, new PhaseStats(phase.label));
		}
	}

	public static void main(String[] args) throws Exception {
		double minutes = (args.length > 0) ? Double.parseDouble(args[0]) : 10;
		int phaseSeconds = (args.length > 1) ? Integer.parseInt(args[1]) : 15;
		int threads = (args.length > 2) ? Integer.parseInt(args[2]) : 4;
		// The servers log at DEBUG until Spring Boot configures logging: keep the console for the report.
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		// without a Docker engine Testcontainers reports an error, and Redis runs as a local process
		((Logger) LoggerFactory.getLogger("org.testcontainers")).setLevel(Level.OFF);
		Soak soak = new Soak(Duration.ofSeconds((long) (minutes * 60)), Duration.ofSeconds(phaseSeconds), threads);
		boolean clean = soak.run(Files.createTempDirectory("cachet-soak-"));
		System.exit(clean ? 0 : 1);
	}

	private boolean run(Path work) throws Exception {
		List<Path> files = new ArrayList<>();
		List<List<ShipPosition>> expected = new ArrayList<>();
		AisRepository direct = new AisRepository();
		for (int i = 0; i < FILES; i++) {
			Path file = AisFileGenerator.ensure(work.resolve("ais-" + i + ".csv"), 300 + i);
			files.add(file);
			expected.add(direct.load(file.toString()));
		}
		Path disk = work.resolve("cache");
		try (RedisServer redis = RedisServers.start(); S3Server s3 = S3Server.inMemory()) {
			s3.createBucket("soak");
			System.out.printf("soak: %s, %d s phases, %d threads; Redis (%s) on port %d, S3 API on port %d; "
					+ "application log in %s%n", this.total, this.phaseLength.toSeconds(), this.threads, redis.kind(),
					redis.port(), s3.port(), work.resolve("soak.log"));
			try (ConfigurableApplicationContext app = start(redis, s3, work)) {
				AisRepository repository = app.getBean(AisRepository.class);
				TieredCacheManager manager = app.getBean(TieredCacheManager.class);
				ExecutorService callers = Executors.newFixedThreadPool(this.threads);
				this.current = this.stats.get(Phase.STEADY);
				for (int t = 0; t < this.threads; t++) {
					SplittableRandom random = new SplittableRandom(4711 + t);
					callers.submit(() -> call(repository, files, expected, random));
				}
				DiskCorrupter corrupter = new DiskCorrupter(disk);
				runSchedule(redis, s3, corrupter, manager);
				this.running = false;
				callers.shutdown();
				if (!callers.awaitTermination(60, TimeUnit.SECONDS)) {
					System.out.println("soak: callers did not stop within 60 s");
				}
				System.out.printf("soak: %d disk entry files damaged%n", corrupter.damaged());
			}
		}
		return print();
	}

	/** Starts the sample application with its files, cache folder and log in {@code work}. */
	private static ConfigurableApplicationContext start(RedisServer redis, S3Server s3, Path work) {
		// Command-line arguments: they win over the sample's application.yml.
		return new SpringApplicationBuilder(SampleApplication.class).web(WebApplicationType.NONE)
			.initializers((context) -> context.getBeanFactory().registerSingleton("soakCredentials", s3.credentials()))
			.run("--spring.main.banner-mode=off", "--logging.file.name=" + work.resolve("soak.log"),
					"--logging.threshold.console=OFF", "--ais.data-dir=" + work.resolve("data"),
					"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
					"--cachet.tiers=memory,disk,redis,s3", "--cachet.disk.path=" + work.resolve("cache"),
					"--cachet.s3.bucket=soak", "--cachet.s3.endpoint=" + s3.endpoint(), "--cachet.s3.path-style=true",
					// short storage caps, so that a key leaves memory, disk and Redis in turn and every tier serves
					"--cachet.memory.max-age=2s", "--cachet.disk.max-age=4s", "--cachet.redis.max-age=6s");
	}

	private void call(AisRepository repository, List<Path> files, List<List<ShipPosition>> expected,
			SplittableRandom random) {
		while (this.running) {
			int i = random.nextInt(files.size());
			PhaseStats phase = this.current;
			long start = System.nanoTime();
			try {
				List<ShipPosition> result = repository.load(files.get(i).toString());
				phase.call(System.nanoTime() - start, expected.get(i).equals(result));
			}
			catch (Throwable ex) {
				phase.error(System.nanoTime() - start, ex);
			}
		}
	}

	private void runSchedule(RedisServer redis, S3Server s3, DiskCorrupter corrupter, TieredCacheManager manager)
			throws InterruptedException {
		long deadline = System.nanoTime() + this.total.toNanos();
		for (int n = 0; System.nanoTime() < deadline; n++) {
			Phase phase = ROUND.get(n % ROUND.size());
			long phaseEnd = Math.min(deadline, System.nanoTime() + this.phaseLength.toNanos());
			Map<String, Long> hitsBefore = hits(manager);
			long started = System.nanoTime();
			this.current = this.stats.get(phase);
			switch (phase) {
				case REDIS_KILLED -> redis.stop();
				case S3_STOPPED -> s3.stop();
				case BOTH_DOWN -> {
					redis.stop();
					s3.stop();
				}
				default -> {
				}
			}
			while (System.nanoTime() < phaseEnd) {
				if (phase == Phase.DISK_CORRUPTED) {
					corrupter.damage(0.3);
				}
				Thread.sleep(Math.max(1, Math.min(1000, (phaseEnd - System.nanoTime()) / 1_000_000)));
			}
			redis.start();
			s3.start();
			Map<String, Long> hitsAfter = hits(manager);
			Map<String, Long> hitsDuring = new LinkedHashMap<>();
			hitsAfter.forEach((tier, hits) -> hitsDuring.put(tier, hits - hitsBefore.get(tier)));
			this.stats.get(phase).ended((System.nanoTime() - started) / 1_000_000, hitsDuring);
		}
	}

	private static Map<String, Long> hits(TieredCacheManager manager) {
		Map<String, Long> hits = new LinkedHashMap<>();
		for (String tier : TIERS) {
			TierBinding binding = manager.tiers().get(tier);
			hits.put(tier, binding.statistics().hits());
		}
		return hits;
	}

	/** Prints the report; returns whether every call returned the right result. */
	private boolean print() {
		String header = String.format("%-34s %6s %7s %10s %7s %6s %8s %8s %8s %9s  %s", "phase", "phases", "seconds",
				"calls", "errors", "wrong", "p50 ms", "p95 ms", "p99 ms", "max ms", "hits memory/disk/redis/s3");
		System.out.println();
		System.out.println(header);
		System.out.println("-".repeat(header.length()));
		PhaseStats all = new PhaseStats("all");
		for (PhaseStats phase : this.stats.values()) {
			if (phase.phases == 0) {
				continue;
			}
			row(phase);
			phase.addTo(all);
		}
		System.out.println("-".repeat(header.length()));
		row(all);
		for (PhaseStats phase : this.stats.values()) {
			if (phase.firstError.get() != null) {
				System.out.println("first error in '" + phase.name + "': " + phase.firstError.get());
			}
		}
		return all.errors.sum() == 0 && all.wrong.sum() == 0;
	}

	private static void row(PhaseStats phase) {
		List<String> hits = new ArrayList<>();
		TIERS.forEach((tier) -> hits.add(String.valueOf(phase.tierHits.getOrDefault(tier, 0L))));
		System.out.printf("%-34s %6d %7d %10d %7d %6d %8.3f %8.3f %8.3f %9.1f  %s%n", phase.name, phase.phases,
				phase.millis / 1000, phase.calls.sum(), phase.errors.sum(), phase.wrong.sum(),
				phase.latency.percentileMillis(0.50), phase.latency.percentileMillis(0.95),
				phase.latency.percentileMillis(0.99), phase.latency.maxMillis(), String.join("/", hits));
	}

}
