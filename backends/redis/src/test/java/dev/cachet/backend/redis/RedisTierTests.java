package dev.cachet.backend.redis;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.tier.TierHealth;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ScanOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

@ExtendWith(RedisServerExtension.class)
class RedisTierTests {

	private final TestRedis testRedis = new TestRedis();

	private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private LettuceConnectionFactory factory;

	private RedisTier tier;

	@BeforeEach
	void setUp(RedisServer redis) {
		this.factory = this.testRedis.factory(redis);
		this.tier = new RedisTier(this.factory, TestRedis.settings(this.prefix));
	}

	@AfterEach
	void tearDown() {
		this.tier.close();
		this.testRedis.close();
	}

	@Test
	void putSetsTheStorageTtlAsPx() throws Exception {
		this.tier.put("ais", "k1", TestRedis.envelope("x"), Duration.ofSeconds(30));
		try (RedisConnection connection = this.factory.getConnection()) {
			Long pttl = connection.keyCommands().pTtl(new RedisKeys(this.prefix).entry("ais", "k1"));
			assertThat(pttl).isBetween(25_000L, 30_000L);
		}
	}

	@Test
	void clearScansAwayOnlyThatCachesKeys() throws Exception {
		Envelope envelope = TestRedis.envelope("v");
		for (int i = 0; i < 3000; i++) {
			this.tier.put("big", "k" + i, envelope, Duration.ofMinutes(5));
		}
		for (int i = 0; i < 100; i++) {
			this.tier.put("kept", "k" + i, envelope, Duration.ofMinutes(5));
		}
		this.tier.clear("big");
		assertThat(countKeys(this.prefix + "*")).isEqualTo(100);
		assertThat(this.tier.get("big", "k1234")).isNull();
		assertThat(this.tier.get("kept", "k42")).isNotNull();
	}

	@Test
	void clearTakesGlobCharactersInThePrefixLiterally() throws Exception {
		RedisTier globTier = new RedisTier(this.factory, TestRedis.settings(this.prefix + "*"));
		this.tier.put("c", "k1", TestRedis.envelope("x"), Duration.ofMinutes(1));
		globTier.put("c", "k1", TestRedis.envelope("y"), Duration.ofMinutes(1));
		globTier.clear("c");
		assertThat(globTier.get("c", "k1")).isNull();
		assertThat(this.tier.get("c", "k1")).isNotNull();
		globTier.close();
	}

	@Test
	void corruptEntryIsUnlinked() throws Exception {
		byte[] key = new RedisKeys(this.prefix).entry("ais", "k1");
		try (RedisConnection connection = this.factory.getConnection()) {
			connection.stringCommands().set(key, "CCHT garbage: long enough to pass the length check, then fails".getBytes());
			assertThat(this.tier.get("ais", "k1")).isNull();
			await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> !connection.keyCommands().exists(key));
		}
	}

	@Test
	void putIsVisibleToTheNextGetFromAnotherInstance(RedisServer redis) throws Exception {
		RedisTier otherInstance = new RedisTier(this.testRedis.factory(redis), TestRedis.settings(this.prefix));
		for (int i = 0; i < 1000; i++) {
			Envelope envelope = TestRedis.envelope("value-" + i);
			this.tier.put("ais", "k" + i, envelope, Duration.ofMinutes(5));
			Envelope read = otherInstance.get("ais", "k" + i);
			assertThat(read).as("read %d", i).isNotNull();
			assertThat(read.bytes()).isEqualTo(envelope.bytes());
		}
		otherInstance.close();
	}

	@Test
	void sharedRedisType() {
		assertThat(this.tier.type()).isEqualTo("redis");
		assertThat(this.tier.shared()).isTrue();
		assertThat(this.tier.health()).isEqualTo(TierHealth.up());
	}

	@Test
	void locationNamesTheServerButNoCredentials() {
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration("redis.example", 6380);
		configuration.setUsername("cacheuser");
		configuration.setPassword("s3cret");
		RedisTier remote = new RedisTier(this.testRedis.factory(configuration), RedisTierSettings.DEFAULTS);
		assertThat(remote.location()).isEqualTo("redis://redis.example:6380").doesNotContain("s3cret", "cacheuser");
		remote.close();
	}

	@Test
	void sentinelLocationNamesMasterAndSentinelsButNoCredentials() {
		RedisSentinelConfiguration configuration = new RedisSentinelConfiguration("mymaster",
				Set.of("sentinel.example:26379"));
		configuration.setPassword("s3cret");
		configuration.setSentinelPassword("s3ntinel");
		RedisTier remote = new RedisTier(this.testRedis.factory(configuration), RedisTierSettings.DEFAULTS);
		assertThat(remote.location()).isEqualTo("sentinel mymaster [sentinel.example:26379]");
		remote.close();
	}

	@Test
	void startsAndFailsFastWhileRedisIsUnreachable() {
		RedisTier down = new RedisTier(this.testRedis.deadFactory(), RedisTierSettings.DEFAULTS);
		assertThatException().isThrownBy(() -> down.get("ais", "k1"));
		await().atMost(Duration.ofMillis(900)).untilAsserted(() -> assertThat(down.health().state()).isEqualTo(TierHealth.State.DOWN));
		assertThat(down.health().detail()).isNotEmpty();
		down.close();
	}

	@Test
	void aRefusedConnectionCountsAgainstTheServerEvenWhenTheCallerHadGivenUp() {
		// a budget too short for the refusal to arrive in, and silence judged only after a minute:
		// only the refusal itself can report the server down within the wait below
		RedisTier down = new RedisTier(this.testRedis.deadFactory(),
				RedisTierSettings.DEFAULTS.withTimeout(Duration.ofNanos(1)).withAnswerTimeout(Duration.ofMinutes(1)));
		assertThatException().isThrownBy(() -> down.get("ais", "k1"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(down.health().state()).isEqualTo(TierHealth.State.DOWN));
		down.close();
	}

	private long countKeys(String pattern) {
		try (RedisConnection connection = this.factory.getConnection();
				var cursor = connection.keyCommands().scan(ScanOptions.scanOptions().match(pattern).count(1000).build())) {
			long count = 0;
			while (cursor.hasNext()) {
				cursor.next();
				count++;
			}
			return count;
		}
	}

}
