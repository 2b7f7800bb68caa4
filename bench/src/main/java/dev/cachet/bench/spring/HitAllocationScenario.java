package dev.cachet.bench.spring;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

import dev.cachet.bench.report.Measurement;
import dev.cachet.bench.report.Unit;
import dev.cachet.bench.support.BenchApplications;

/**
 * Bytes allocated per small {@code @Cacheable} memory hit through Spring's interceptor, Cachet
 * against Boot's {@code CaffeineCacheManager}, read from the JVM's per-thread allocation counter
 * over many calls after a warm-up (the figure JMH's GC profiler reports as {@code gc.alloc.rate.norm}).
 */
public final class HitAllocationScenario {

	private static final int WARM_UP = 200_000;

	private static final int CALLS = 1_000_000;

	/** Measurements {@code Hit bytes cachet} and {@code Hit bytes caffeine}. */
	public List<Measurement> run() {
		try (ConfigurableApplicationContext cachet = BenchApplications.run(List.of(CachetContext.class),
				"cachet.tiers=memory", "cachet.fingerprint.packages=dev.cachet.bench");
				ConfigurableApplicationContext caffeine = BenchApplications.run(List.of(CaffeineContext.class),
						"spring.cache.type=caffeine")) {
			return List.of(Measurement.single("Hit bytes cachet", Unit.BYTES, bytesPerHit(cachet.getBean(Greetings.class))),
					Measurement.single("Hit bytes caffeine", Unit.BYTES, bytesPerHit(caffeine.getBean(Greetings.class))));
		}
	}

	private static double bytesPerHit(Greetings greetings) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long thread = Thread.currentThread().getId();
		int sink = 0;
		for (int i = 0; i < WARM_UP; i++) {
			sink += greetings.greet("Ada").length();
		}
		long before = threads.getThreadAllocatedBytes(thread);
		for (int i = 0; i < CALLS; i++) {
			sink += greetings.greet("Ada").length();
		}
		long allocated = threads.getThreadAllocatedBytes(thread) - before;
		if (sink == 0) {
			throw new IllegalStateException("no greeting");
		}
		return (double) allocated / CALLS;
	}

}
