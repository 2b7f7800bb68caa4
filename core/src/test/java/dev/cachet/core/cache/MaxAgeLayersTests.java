package dev.cachet.core.cache;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import dev.cachet.core.key.CacheAddresses;

import org.junit.jupiter.api.Test;

import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.method.Caller;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.core.policy.Behaviour;
import dev.cachet.core.policy.CachePolicy;
import dev.cachet.core.policy.Cachet;
import dev.cachet.core.policy.CallOptions;
import dev.cachet.core.policy.PolicyLayer;
import dev.cachet.core.policy.ResolvedPolicy;
import dev.cachet.core.policy.StaleWindows;
import dev.cachet.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Each max-age layer wins in its turn, and freshness is judged at read time by the winner. */
class MaxAgeLayersTests {

	private final MutableClock clock = new MutableClock();

	private final CachedMethods methods = new CachedMethods(
			new MethodFingerprinter(new FingerprintSettings(List.of(), true, "")));

	private final CachetKeyGenerator keys = new CachetKeyGenerator(methods, new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of()));

	static class Plain {

		public String load() {
			return "plain";
		}

	}

	@CachePolicy(maxAge = "30m")
	static class ClassLevel {

		public String load() {
			return "class";
		}

		@CachePolicy(maxAge = "10m", behaviour = Behaviour.RECOMPUTE)
		public String annotated() {
			return "method";
		}

	}

	private TieredCache cache(Duration cacheMaxAge) {
		return cache(cacheMaxAge, StaleWindows.NONE);
	}

	private TieredCache cache(Duration cacheMaxAge, StaleWindows windows) {
		TieredCacheManagerBuilder builder = TieredCacheManager
			.builder(new EntrySerializer(new JavaSerializationCodec()), keys)
			.tier("memory", new MemoryTier(1_000_000), null)
			.defaultTiers(List.of("memory"))
			.defaultMaxAge(Duration.ofHours(12))
			.clock(clock);
		if (cacheMaxAge != null) {
			builder.cache("c", new CacheOverrides(cacheMaxAge, null, null, windows));
		}
		return builder.build().getCache("c");
	}

	private CachedMethod method(Class<?> type, String name) throws Exception {
		Method method = type.getMethod(name);
		return methods.resolve(type, method);
	}

	@Test
	void globalDefaultWinsAlone() throws Exception {
		ResolvedPolicy policy = cache(null).policyFor(method(Plain.class, "load"));
		assertThat(policy.maxAge().winner()).isEqualTo(PolicyLayer.GLOBAL);
		assertThat(policy.effectiveMaxAge()).isEqualTo(Duration.ofHours(12));
		assertThat(policy.effectiveBehaviour()).isEqualTo(Behaviour.DEFAULT);
	}

	@Test
	void cachePropertyWinsOverGlobal() throws Exception {
		ResolvedPolicy policy = cache(Duration.ofHours(1)).policyFor(method(Plain.class, "load"));
		assertThat(policy.maxAge().winner()).isEqualTo(PolicyLayer.CACHE);
		assertThat(policy.effectiveMaxAge()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void classAnnotationWinsOverCacheProperty() throws Exception {
		ResolvedPolicy policy = cache(Duration.ofHours(1)).policyFor(method(ClassLevel.class, "load"));
		assertThat(policy.maxAge().winner()).isEqualTo(PolicyLayer.CLASS);
		assertThat(policy.effectiveMaxAge()).isEqualTo(Duration.ofMinutes(30));
		assertThat(policy.maxAge().valueAt(PolicyLayer.CACHE)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void methodAnnotationWinsOverClassAnnotation() throws Exception {
		ResolvedPolicy policy = cache(Duration.ofHours(1)).policyFor(method(ClassLevel.class, "annotated"));
		assertThat(policy.maxAge().winner()).isEqualTo(PolicyLayer.METHOD);
		assertThat(policy.effectiveMaxAge()).isEqualTo(Duration.ofMinutes(10));
		assertThat(policy.behaviour().winner()).isEqualTo(PolicyLayer.METHOD);
		assertThat(policy.effectiveBehaviour()).isEqualTo(Behaviour.RECOMPUTE);
	}

	@Test
	void callOptionsWinOverEverything() throws Exception {
		TieredCache cache = cache(Duration.ofHours(1));
		CachedMethod annotated = method(ClassLevel.class, "annotated");
		ResolvedPolicy policy = Cachet.with(CallOptions.maxAge(Duration.ofHours(3)).withBehaviour(Behaviour.DEFAULT))
			.call(() -> cache.policyFor(annotated));
		assertThat(policy.maxAge().winner()).isEqualTo(PolicyLayer.CALL);
		assertThat(policy.effectiveMaxAge()).isEqualTo(Duration.ofHours(3));
		assertThat(policy.effectiveBehaviour()).isEqualTo(Behaviour.DEFAULT);
	}

	@Test
	void freshnessFollowsTheWinningLayerAtReadTime() throws Exception {
		// tiers keep entries an hour past their max-age (stale-if-error): older entries are still held
		TieredCache cache = cache(Duration.ofHours(1), new StaleWindows(null, Duration.ofHours(1)));
		TieredCache plainCache = cache.bind(new Caller(method(Plain.class, "load"), Caller.Role.CACHEABLE));
		TieredCache classCache = cache.bind(new Caller(method(ClassLevel.class, "load"), Caller.Role.CACHEABLE));
		CachetKey plain = CachetKey.of("plain");
		CachetKey classLevel = CachetKey.of("class");
		plainCache.put(plain, "p");
		classCache.put(classLevel, "c");
		clock.advance(Duration.ofMinutes(45));
		assertThat(plainCache.get(plain)).as("cache layer: 1h").isNotNull();
		assertThat(classCache.get(classLevel)).as("class layer: 30m").isNull();
		assertThat(Cachet.with(CallOptions.maxAge(Duration.ofHours(2))).call(() -> classCache.get(classLevel)))
			.as("a longer per-call max-age also applies to older entries")
			.isNotNull();
		assertThat(Cachet.with(CallOptions.maxAge(Duration.ofMinutes(40))).call(() -> plainCache.get(plain)))
			.as("a shorter per-call max-age retires older entries")
			.isNull();
	}

}
