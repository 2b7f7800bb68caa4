package dev.cachet.autoconfigure.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

import dev.cachet.autoconfigure.CachetAutoConfiguration;
import dev.cachet.autoconfigure.redis.CachetRedisAutoConfiguration;
import dev.cachet.autoconfigure.s3.CachetS3AutoConfiguration;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up says once, at INFO, that entries in shared tiers are not signed when Redis or S3 is configured
 * without {@code cachet.security.keys}, and names the property that fixes it; it says nothing when keys
 * are set (16 bytes suffice, counted in UTF-8) or when every tier is local. Each row starts an application
 * against the test's real Redis and S3 servers.
 */
@ExtendWith({ RedisServerExtension.class, S3ServerExtension.class })
class UnsignedSharedTiersNoticeTests {

	private static final String BUCKET = "notice";

	@TempDir
	static Path temp;

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingEnabled {

	}

	@ParameterizedTest(name = "tiers {0}, key {1}")
	@CsvSource(delimiter = '|', textBlock = """
			memory,disk          |                                  | 0
			memory,disk          | a-signing-key-of-many-bytes      | 0
			memory,disk,redis    |                                  | 1
			memory,disk,s3       |                                  | 1
			memory,disk,redis,s3 |                                  | 1
			memory,disk,redis,s3 | sixteen-bytes-ok                 | 0
			memory,disk,redis,s3 | \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9 | 0
			""")
	void startUpSaysOnceThatSharedEntriesAreUnsigned(String tiers, String key, int notices, RedisServer redis,
			S3Server s3) {
		s3.createBucket(BUCKET);
		List<String> properties = new ArrayList<>(List.of("cachet.tiers=" + tiers,
				"cachet.disk.path=" + temp.resolve("disk"), "spring.data.redis.host=" + redis.host(),
				"spring.data.redis.port=" + redis.port(), "cachet.s3.bucket=" + BUCKET,
				"cachet.s3.endpoint=" + s3.endpoint(), "cachet.s3.path-style=true"));
		if (key != null) {
			properties.add("cachet.security.keys[0]=" + key);
		}
		try (LogCapture logs = new LogCapture()) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
						CachetRedisAutoConfiguration.class, CachetS3AutoConfiguration.class,
						CachetAutoConfiguration.class, CacheAutoConfiguration.class))
				.withUserConfiguration(CachingEnabled.class)
				.withBean(AwsCredentialsProvider.class, s3::credentials)
				.withPropertyValues(properties.toArray(String[]::new))
				.run((context) -> assertThat(context).hasNotFailed());
			List<String> said = logs.infoAndAbove()
				.stream()
				.filter((line) -> line.startsWith(CachetAutoConfiguration.class.getName() + " INFO ")
						&& line.contains("not signed"))
				.toList();
			assertThat(said).hasSize(notices).allMatch((line) -> line.contains("cachet.security.keys"));
		}
	}

}
