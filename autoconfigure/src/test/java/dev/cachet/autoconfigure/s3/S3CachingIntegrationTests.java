package dev.cachet.autoconfigure.s3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.testsupport.S3RequestCounter;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code @Cacheable} methods on real beans, with the S3 tier on a real S3 API (s3proxy in this JVM). */
@ExtendWith(S3ServerExtension.class)
class S3CachingIntegrationTests {

	private static final String BUCKET = "integration";

	@TempDir
	Path temp;

	private final S3Server s3;

	private final S3RequestCounter requests = new S3RequestCounter();

	S3CachingIntegrationTests(S3Server s3) {
		this.s3 = s3;
	}

	/** Counts how often each method body runs. */
	static class Reports {

		static final AtomicInteger computed = new AtomicInteger();

		static volatile CyclicBarrier together = new CyclicBarrier(2);

		@Cacheable("reports")
		public String daily(String region) {
			computed.incrementAndGet();
			return "daily " + region;
		}

		/** Waits for a second caller (in another application) to be computing too. */
		@Cacheable("reports")
		public String concurrent(String region) throws Exception {
			computed.incrementAndGet();
			together.await(20, TimeUnit.SECONDS);
			return "concurrent " + region;
		}

		@Cacheable("reports")
		public byte[] large(int size) {
			computed.incrementAndGet();
			byte[] bytes = new byte[size];
			new Random(size).nextBytes(bytes);
			return bytes;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class App {

		@Bean
		Reports reports() {
			return new Reports();
		}

	}

	@BeforeEach
	void reset() {
		this.s3.createBucket(BUCKET);
		Reports.computed.set(0);
		Reports.together = new CyclicBarrier(2);
	}

	private ApplicationContextRunner app(String diskFolder, String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetS3AutoConfiguration.class, CachetAutoConfiguration.class,
					CacheAutoConfiguration.class))
			.withUserConfiguration(App.class)
			.withBean(S3Client.class, () -> this.s3.newClient((builder) -> builder
				.overrideConfiguration((override) -> override.addExecutionInterceptor(this.requests))))
			.withPropertyValues("cachet.disk.path=" + this.temp.resolve(diskFolder), "cachet.tiers=disk,s3",
					"cachet.s3.bucket=" + BUCKET, "cachet.fingerprint.packages=dev.cachet.autoconfigure.s3")
			.withPropertyValues(properties);
	}

	@Test
	void aNewInstanceWithAnEmptyDiskGetsAHitFromS3AndKeepsItOnDisk() throws Exception {
		app("disk-a").run((context) -> {
			assertThat(context.getBean(Reports.class).daily("north")).isEqualTo("daily north");
		});
		app("disk-b").run((context) -> {
			assertThat(context.getBean(Reports.class).daily("north")).isEqualTo("daily north");
			assertThat(Reports.computed).as("computed by the first instance, read from S3").hasValue(1);
		});
		assertThat(filesIn(this.temp.resolve("disk-b"))).as("promoted to the second instance's disk").isPositive();
		this.s3.stop();
		app("disk-b", "cachet.s3.optional=true").run((context) -> {
			assertThat(context.getBean(Reports.class).daily("north")).isEqualTo("daily north");
			assertThat(Reports.computed).as("read from the promoted disk copy while S3 is down").hasValue(1);
		});
	}

	@Test
	void twoInstancesComputingTheSameKeyUploadItOnce() {
		app("disk-a", "cachet.tiers=s3").run((first) -> app("disk-b", "cachet.tiers=s3").run((second) -> {
			// both applications are up: what they wrote at start-up (fingerprint journal) is not counted
			this.requests.reset();
			// two threads of their own: the common pool may have a single one on a small machine
			ExecutorService callers = Executors.newFixedThreadPool(2);
			try {
				CompletableFuture<String> a = CompletableFuture
					.supplyAsync(() -> call(() -> first.getBean(Reports.class).concurrent("south")), callers);
				CompletableFuture<String> b = CompletableFuture
					.supplyAsync(() -> call(() -> second.getBean(Reports.class).concurrent("south")), callers);
				assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo("concurrent south");
				assertThat(b.get(30, TimeUnit.SECONDS)).isEqualTo("concurrent south");
			}
			finally {
				callers.shutdownNow();
			}
			assertThat(Reports.computed).hasValue(2);
			// the uploads happen after the calls return
			awaitWrites(first);
			awaitWrites(second);
			assertThat(this.requests.count("PutObjectRequest")).as("successful uploads").isEqualTo(1);
		}));
	}

	@Test
	void whileS3IsDownCallsComputeWithinTheBudgetAndHitsResumeWhenItIsBack() {
		app("disk-a", "cachet.tiers=s3", "cachet.s3.timeout=1s", "cachet.s3.circuit-breaker.failure-threshold=2",
				"cachet.s3.circuit-breaker.cool-down=500ms")
			.run((context) -> {
				Reports reports = context.getBean(Reports.class);
				reports.daily("east");
				assertThat(reports.daily("east")).isEqualTo("daily east");
				assertThat(Reports.computed).hasValue(1);

				this.s3.stop();
				for (int i = 0; i < 5; i++) {
					long start = System.nanoTime();
					// keys of their own: a result whose upload is still queued would be served from the queue
					assertThat(reports.daily("east-" + i)).isEqualTo("daily east-" + i);
					// a read within the 1 s budget; the write is queued
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
				}
				assertThat(Reports.computed).as("every call computed while S3 was down").hasValue(6);

				this.s3.start();
				await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
					int before = Reports.computed.get();
					reports.daily("east");
					return Reports.computed.get() == before;
				});
			});
	}

	@Test
	void largeResultsGoThroughMultipartUploads() {
		app("disk-a", "cachet.tiers=s3", "cachet.s3.multipart-threshold=5MB", "cachet.s3.timeout=10s")
			.run((context) -> {
				Reports reports = context.getBean(Reports.class);
				byte[] first = reports.large(6 * 1024 * 1024);
				byte[] second = reports.large(6 * 1024 * 1024);
				assertThat(second).isEqualTo(first);
				assertThat(Reports.computed).hasValue(1);
				awaitWrites(context);
				assertThat(this.requests.count("UploadPartRequest")).isEqualTo(2);
				assertThat(this.requests.count("CompleteMultipartUploadRequest")).isEqualTo(1);
			});
	}

	private static long filesIn(Path folder) throws Exception {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).count();
		}
	}

	private static <T> T call(java.util.concurrent.Callable<T> call) {
		try {
			return call.call();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}


	/** Waits until the results an application computed have reached S3 (they are uploaded after the call returns). */
	private static void awaitWrites(org.springframework.context.ApplicationContext context) {
		try {
			assertThat(context.getBean(TieredCacheManager.class).awaitWrites(Duration.ofSeconds(30))).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
