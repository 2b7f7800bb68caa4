package dev.cachet.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.core.cache.CacheMethodCatalog;
import dev.cachet.core.cache.TierBinding;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.codec.ValueCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Once the application is ready, the codec is prepared, on a thread of its own, for what the
 * scanned {@code @Cacheable} and {@code @CachePut} methods return.
 */
class CodecPreparationTests {

	@TempDir
	Path disk;

	record Position(double lat, double lon) {
	}

	record Ship(String name, LocalDate built, List<Position> track) {
	}

	record Port(String name) {
	}

	record Berth(int number) {
	}

	record Cargo(String kind) {
	}

	static class Ships {

		@Cacheable("ships")
		public List<Ship> ships(String flag) {
			return List.of();
		}

		@Cacheable("ports")
		public CompletableFuture<Optional<Port>> port(String name) {
			return CompletableFuture.completedFuture(Optional.empty());
		}

		@CachePut("berths")
		public Map<String, Berth[]> berths(String port) {
			return Map.of();
		}

		@CacheEvict("cargo")
		public Cargo evict(String id) {
			return new Cargo(id);
		}

		@Cacheable("files")
		public Path file(String id) {
			return Path.of(id);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class ShipsConfiguration {

		@Bean
		Ships ships() {
			return new Ships();
		}

	}

	/** Encodes nothing; records what it is prepared for. */
	static class RecordingCodec implements ValueCodec {

		final List<Class<?>> prepared = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		@Override
		public String id() {
			return "recording";
		}

		@Override
		public byte[] encode(Object value) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Object decode(byte[] bytes, int offset, int length) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void prepare(Collection<Class<?>> types) {
			threads.add(Thread.currentThread().getName());
			prepared.addAll(types);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingCodecConfiguration {

		@Bean
		RecordingCodec recordingCodec() {
			return new RecordingCodec();
		}

	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(ShipsConfiguration.class)
			.withPropertyValues("cachet.disk.path=" + this.disk,
					"cachet.fingerprint.packages=" + CodecPreparationTests.class.getPackageName());
	}

	@Test
	void theTypesOfCacheableAndCachePutMethodsAreCollectedWithWhatTheyHold() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(CodecPreparation.class).valueTypes()).contains(List.class, Ship.class,
					Position.class, LocalDate.class, Port.class, Map.class, Berth.class)
				.doesNotContain(Cargo.class, CompletableFuture.class, Optional.class, Path.class);
		});
	}

	@Test
	void theCodecIsPreparedOffTheStartUpThreadOnceTheApplicationIsReady() {
		runner().withUserConfiguration(RecordingCodecConfiguration.class).run((context) -> {
			RecordingCodec codec = context.getBean(RecordingCodec.class);
			assertThat(codec.prepared).isEmpty();
			ready(context);
			ready(context);
			join();
			assertThat(codec.threads).containsExactly(CodecPreparation.THREAD_NAME);
			assertThat(codec.prepared).contains(Ship.class, Port.class, Berth.class);
		});
	}

	@Test
	void aCodecThatFailsToPrepareFailsNothing() {
		CodecPreparation preparation = new CodecPreparation(new CacheMethodCatalog(), new RecordingCodec() {

			@Override
			public void prepare(Collection<Class<?>> types) {
				throw new IllegalStateException("cannot prepare");
			}

		}, () -> {
			throw new IllegalStateException("cannot warm up");
		});
		assertThatNoException().isThrownBy(preparation::prepare);
	}

	@Test
	void thenTheReadPathRunsOnceThroughTheLocalTiersAndLeavesNothingBehind() {
		runner().withPropertyValues("cachet.tiers=memory,disk").run((context) -> {
			TieredCacheManager manager = context.getBean(TieredCacheManager.class);
			ready(context);
			join();
			TierBinding disk = manager.tiers().get("disk");
			assertThat(disk.statistics().hits()).as("the entry was read back from the disk").isEqualTo(1);
			assertThat(manager.tiers().get("memory").statistics().hits()).as("and from memory").isEqualTo(1);
			try (var entries = disk.tier().inspection().orElseThrow().entries("cachet.warm-up")) {
				assertThat(entries).as("removed again").isEmpty();
			}
			assertThat(manager.getCacheNames()).as("the declared caches only, made before their first call")
				.containsExactlyInAnyOrderElementsOf(context.getBean(CacheMethodCatalog.class).cacheNames());
		});
	}

	@Test
	void theDefaultCodecIsPreparedWithoutErrors() {
		runner().run((context) -> {
			ready(context);
			join();
			assertThat(context).hasNotFailed();
		});
	}

	private static void ready(ConfigurableApplicationContext context) {
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
	}

	private static void join() throws InterruptedException {
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			// the fingerprint pass, started by the same event, writes to the disk folder too
			if (thread.getName().equals(CodecPreparation.THREAD_NAME) || thread.getName().equals(FingerprintPass.THREAD_NAME)) {
				thread.join(60_000);
			}
		}
	}

}
