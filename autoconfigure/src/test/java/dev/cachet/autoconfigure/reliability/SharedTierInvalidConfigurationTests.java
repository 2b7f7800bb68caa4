package dev.cachet.autoconfigure.reliability;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.autoconfigure.redis.CachetRedisAutoConfiguration;
import dev.cachet.autoconfigure.s3.CachetS3AutoConfiguration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad {@code cachet.redis.*} and {@code cachet.s3.*} values that the auto-configurations' own tests do not
 * try: each stops start-up, and the report Spring Boot prints (the failure analysis) names the property, what
 * is wrong with it and how to fix it. Nothing here needs a server: every value is refused before a
 * connection is made.
 */
class SharedTierInvalidConfigurationTests {

	@TempDir
	static Path temp;

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingEnabled {

	}

	private static final List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
		.load(FailureAnalyzer.class, (type, name, failure) -> {
			// analyzers that need the application's bean factory do not apply to configuration values
		});

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			cachet.redis.circuit-breaker.failure-threshold=-3 | cachet.redis.circuit-breaker.failure-threshold | at least 1
			cachet.redis.circuit-breaker.cool-down=-5s        | cachet.redis.circuit-breaker.cool-down        | positive
			cachet.redis.circuit-breaker.answer-timeout=-1s   | cachet.redis.circuit-breaker.answer-timeout   | positive
			cachet.redis.timeout=fast                         | cachet.redis.timeout                          | java.time.Duration
			cachet.redis.max-age=forever                      | cachet.redis.max-age                          | java.time.Duration
			cachet.redis.lease.enabled=perhaps                | cachet.redis.lease.enabled                    | boolean
			cachet.s3.timeout=0s                              | cachet.s3.timeout                             | positive
			cachet.s3.timeout=-2s                             | cachet.s3.timeout                             | positive
			cachet.s3.max-age=0d                              | cachet.s3.max-age                             | positive
			cachet.s3.max-age=-90d                            | cachet.s3.max-age                             | positive
			cachet.s3.circuit-breaker.failure-threshold=0     | cachet.s3.circuit-breaker.failure-threshold   | at least 1
			cachet.s3.circuit-breaker.cool-down=0s            | cachet.s3.circuit-breaker.cool-down           | positive
			cachet.s3.sweep-interval=0s                       | cachet.s3.sweep-interval                      | positive
			cachet.s3.sweep-interval=-1h                      | cachet.s3.sweep-interval                      | positive
			cachet.s3.multipart-threshold=-16MB               | cachet.s3.multipart-threshold                 | at least 5MB
			cachet.s3.create-bucket=perhaps                   | cachet.s3.create-bucket                       | boolean
			cachet.s3.endpoint=localhost:9000                 | cachet.s3.endpoint                            | http
			cachet.s3.endpoint=ftp://127.0.0.1:9000           | cachet.s3.endpoint                            | http
			""")
	void stopsStartUpWithAReportNamingThePropertyAndTheFix(String setting, String property, String problem) {
		runner(setting).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis report = analyze(context.getStartupFailure());
			assertThat(report).as("a failure analysis of " + context.getStartupFailure()).isNotNull();
			assertThat(report.getDescription()).contains(property).contains(problem);
			assertThat(report.getAction()).as("the fix").isNotBlank();
		});
	}

	/**
	 * A signing key shorter than 16 bytes (UTF-8 bytes, not characters) stops start-up with a report naming the
	 * key's index, and the key itself appears nowhere: not in the report, the failure's messages or the log.
	 * Settings, under {@code cachet.security.}, are separated by {@code ;}.
	 */
	@ParameterizedTest(name = "cachet.security.{0}")
	@CsvSource(delimiter = '|', textBlock = """
			keys[0]=short-key                            | keys[0] | short-key
			keys[0]=fifteen-bytes-k                      | keys[0] | fifteen-bytes-k
			keys[0]=\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9             | keys[0] | \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9
			keys[0]=a-valid-signing-key;keys[1]=old-key  | keys[1] | old-key
			keys=another-valid-signing-key,short-second  | keys[1] | short-second
			""")
	void aShortSigningKeyStopsStartUpWithoutBeingPrinted(String settings, String index, String key) {
		String property = "cachet.security." + index;
		String[] properties = Stream.of(settings.split(";")).map((setting) -> "cachet.security." + setting)
			.toArray(String[]::new);
		try (LogCapture logs = new LogCapture()) {
			// without S3, whose start-up check of the bucket (unreachable here) would stop start-up first
			runner(properties).withPropertyValues("cachet.tiers=memory,disk,redis").run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis report = analyze(context.getStartupFailure());
				assertThat(report).as("a failure analysis of " + context.getStartupFailure()).isNotNull();
				assertThat(report.getDescription()).contains(property).contains("shorter than 16 bytes")
					.doesNotContain(key);
				assertThat(report.getAction()).as("the fix").isNotBlank().doesNotContain(key);
				for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
					assertThat(String.valueOf(cause.getMessage())).as("message of " + cause.getClass().getName())
						.doesNotContain(key);
				}
			});
			assertThat(logs.infoAndAbove()).noneMatch((line) -> line.contains(key));
		}
	}

	private static ApplicationContextRunner runner(String... settings) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					CachetRedisAutoConfiguration.class, CachetS3AutoConfiguration.class, CachetAutoConfiguration.class,
					CacheAutoConfiguration.class))
			.withUserConfiguration(CachingEnabled.class)
			.withBean(AwsCredentialsProvider.class, AnonymousCredentialsProvider::create)
			// nobody listens on port 1: a value that got past validation would fail differently
			.withPropertyValues("cachet.disk.path=" + temp.resolve("disk"), "cachet.tiers=memory,disk,redis,s3",
					"spring.data.redis.port=1", "cachet.s3.bucket=reliability", "cachet.s3.endpoint=http://127.0.0.1:1",
					"cachet.s3.path-style=true")
			.withPropertyValues(settings);
	}

	private static FailureAnalysis analyze(Throwable failure) {
		return analyzers.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

}
