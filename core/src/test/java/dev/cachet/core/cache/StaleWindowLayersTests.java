package dev.cachet.core.cache;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.hash.CanonicalArgumentHasher;
import dev.cachet.core.key.CacheAddresses;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.policy.CachePolicy;
import dev.cachet.core.policy.Cachet;
import dev.cachet.core.policy.CallOptions;
import dev.cachet.core.policy.PolicyLayer;
import dev.cachet.core.policy.ResolvedPolicy;
import dev.cachet.core.policy.StaleWindows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Each layer of stale-while-revalidate and stale-if-error wins in its turn, as max-age's do. */
class StaleWindowLayersTests {

	private final CachedMethods methods = new CachedMethods(
			new MethodFingerprinter(new FingerprintSettings(List.of(), true, "")));

	private final CachetKeyGenerator keys = new CachetKeyGenerator(methods,
			new CacheAddresses(new CanonicalArgumentHasher(List.of()), List.of()));

	static class Plain {

		public String load() {
			return "plain";
		}

	}

	@CachePolicy(staleWhileRevalidate = "30m", staleIfError = "3h")
	static class ClassLevel {

		public String load() {
			return "class";
		}

		@CachePolicy(staleWhileRevalidate = "10m", staleIfError = "0s")
		public String annotated() {
			return "method";
		}

	}

	static class Malformed {

		@CachePolicy(staleIfError = "-5m")
		public String load() {
			return "never";
		}

	}

	private TieredCache cache(StaleWindows global, StaleWindows cache) {
		return TieredCacheManager.builder(new EntrySerializer(new JavaSerializationCodec()), keys)
			.tier("memory", new MemoryTier(1_000_000), null)
			.defaultTiers(List.of("memory"))
			.defaultStaleWindows(global)
			.cache("c", new CacheOverrides(null, null, null, cache))
			.build()
			.getCache("c");
	}

	private CachedMethod method(Class<?> type, String name) throws Exception {
		Method method = type.getMethod(name);
		return methods.resolve(type, method);
	}

	@Test
	void windowsAreOffUnlessALayerOpensThem() throws Exception {
		ResolvedPolicy policy = cache(StaleWindows.NONE, StaleWindows.NONE).policyFor(method(Plain.class, "load"));
		assertThat(policy.staleWhileRevalidate().winner()).isEqualTo(PolicyLayer.GLOBAL);
		assertThat(policy.effectiveStaleWhileRevalidate()).isZero();
		assertThat(policy.effectiveStaleIfError()).isZero();
	}

	@Test
	void globalWinsAlone() throws Exception {
		ResolvedPolicy policy = cache(new StaleWindows(Duration.ofMinutes(1), Duration.ofMinutes(2)), StaleWindows.NONE)
			.policyFor(method(Plain.class, "load"));
		assertThat(policy.staleWhileRevalidate().winner()).isEqualTo(PolicyLayer.GLOBAL);
		assertThat(policy.effectiveStaleWhileRevalidate()).isEqualTo(Duration.ofMinutes(1));
		assertThat(policy.staleIfError().winner()).isEqualTo(PolicyLayer.GLOBAL);
		assertThat(policy.effectiveStaleIfError()).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void cacheWinsOverGlobal() throws Exception {
		ResolvedPolicy policy = cache(new StaleWindows(Duration.ofMinutes(1), Duration.ofMinutes(2)),
				new StaleWindows(Duration.ofHours(1), Duration.ofHours(2)))
			.policyFor(method(Plain.class, "load"));
		assertThat(policy.staleWhileRevalidate().winner()).isEqualTo(PolicyLayer.CACHE);
		assertThat(policy.effectiveStaleWhileRevalidate()).isEqualTo(Duration.ofHours(1));
		assertThat(policy.staleIfError().winner()).isEqualTo(PolicyLayer.CACHE);
		assertThat(policy.effectiveStaleIfError()).isEqualTo(Duration.ofHours(2));
		assertThat(policy.staleIfError().valueAt(PolicyLayer.GLOBAL)).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void classWinsOverCache() throws Exception {
		ResolvedPolicy policy = cache(StaleWindows.NONE, new StaleWindows(Duration.ofHours(1), Duration.ofHours(2)))
			.policyFor(method(ClassLevel.class, "load"));
		assertThat(policy.staleWhileRevalidate().winner()).isEqualTo(PolicyLayer.CLASS);
		assertThat(policy.effectiveStaleWhileRevalidate()).isEqualTo(Duration.ofMinutes(30));
		assertThat(policy.staleIfError().winner()).isEqualTo(PolicyLayer.CLASS);
		assertThat(policy.effectiveStaleIfError()).isEqualTo(Duration.ofHours(3));
	}

	@Test
	void methodWinsOverClassAndZeroTurnsAWindowOff() throws Exception {
		ResolvedPolicy policy = cache(StaleWindows.NONE, new StaleWindows(Duration.ofHours(1), Duration.ofHours(2)))
			.policyFor(method(ClassLevel.class, "annotated"));
		assertThat(policy.staleWhileRevalidate().winner()).isEqualTo(PolicyLayer.METHOD);
		assertThat(policy.effectiveStaleWhileRevalidate()).isEqualTo(Duration.ofMinutes(10));
		assertThat(policy.staleIfError().winner()).isEqualTo(PolicyLayer.METHOD);
		assertThat(policy.effectiveStaleIfError()).isZero();
		assertThat(policy.staleIfError().valueAt(PolicyLayer.CLASS)).isEqualTo(Duration.ofHours(3));
	}

	@Test
	void callWinsOverEverything() throws Exception {
		TieredCache cache = cache(StaleWindows.NONE, new StaleWindows(Duration.ofHours(1), Duration.ofHours(2)));
		CachedMethod annotated = method(ClassLevel.class, "annotated");
		ResolvedPolicy policy = Cachet
			.with(CallOptions.staleWhileRevalidate(Duration.ofSeconds(5)).withStaleIfError(Duration.ofSeconds(7)))
			.call(() -> cache.policyFor(annotated));
		assertThat(policy.staleWhileRevalidate().winner()).isEqualTo(PolicyLayer.CALL);
		assertThat(policy.effectiveStaleWhileRevalidate()).isEqualTo(Duration.ofSeconds(5));
		assertThat(policy.staleIfError().winner()).isEqualTo(PolicyLayer.CALL);
		assertThat(policy.effectiveStaleIfError()).isEqualTo(Duration.ofSeconds(7));
		assertThat(policy.maxAge().winner()).as("a call that states only windows leaves max-age to the others")
			.isEqualTo(PolicyLayer.GLOBAL);
	}

	@Test
	void aNegativeWindowNamesTheMethod() {
		assertThatIllegalArgumentException().isThrownBy(() -> method(Malformed.class, "load"))
			.withMessageContaining("staleIfError")
			.withMessageContaining("Malformed#load")
			.withMessageContaining("must not be negative");
	}

}
