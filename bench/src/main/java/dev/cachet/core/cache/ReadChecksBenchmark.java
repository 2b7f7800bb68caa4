package dev.cachet.core.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.util.ReflectionUtils;

import dev.cachet.bench.support.BenchCaches;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.Caller;
import dev.cachet.core.policy.Behaviour;

/**
 * What the read-time validity checks cost within a memory hit: a whole hit of a cache bound to a
 * {@code @Cacheable} method, against the checks that hit makes alone (address, trust, producer and
 * fingerprint, freshness against the time already read, type). Reading the clock is left out: the
 * freshness rule read it before these checks existed. Lives in the cache package to reach the
 * package-private checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReadChecksBenchmark {

	private TieredCache bound;

	private CachetKey key;

	private EntryValidity validity;

	private Call call;

	private TierBinding binding;

	private ResultFormat.Candidate found;

	private Object value;

	private final long now = Clock.systemUTC().millis();

	/** The cached method. */
	public static class Greeter {

		public String greet(String name) {
			return "Hello " + name;
		}

	}

	@Setup
	public void setUp() throws Exception {
		TieredCacheManager manager = BenchCaches.manager("memory", new MemoryTier(64L * 1024 * 1024));
		CachedMethod method = manager.keyGenerator()
			.methods()
			.resolve(Greeter.class, ReflectionUtils.findMethod(Greeter.class, "greet", String.class));
		Caller caller = new Caller(method, Caller.Role.CACHEABLE);
		bound = manager.getCache("greetings").bind(caller);
		key = manager.keyGenerator().addresses().addressOf("Ada");
		bound.put(key, new Greeter().greet("Ada"));
		binding = manager.tiers().get("memory");
		EntryMetadata metadata = binding.values().get("greetings", key, now).metadata();
		found = new ResultFormat.Candidate() {

			@Override
			public EntryMetadata metadata() {
				return metadata;
			}

			@Override
			public boolean writtenAt(Call call) {
				return true;
			}

			@Override
			public Object value() {
				return value;
			}

			@Override
			public void promote(java.util.List<TierBinding> nearer, Call call, java.time.Instant now) {
			}

		};
		validity = new EntryValidity(manager.keyGenerator().methods(), new LocalTierTrust(),
				new InputCheck(manager::getCache));
		call = new Call("greetings", key, caller, Duration.ofHours(12), Behaviour.DEFAULT);
		value = memoryHit();
		if (!Boolean.TRUE.equals(checks())) {
			throw new IllegalStateException("the stored entry does not pass the checks");
		}
	}

	@Benchmark
	public Object memoryHit() {
		return bound.get(key).get();
	}

	@Benchmark
	public Object checks() {
		return validity.check(found, call, binding, now, true) == null && call.valueType().isInstance(value);
	}

}
