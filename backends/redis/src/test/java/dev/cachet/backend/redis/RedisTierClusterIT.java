package dev.cachet.backend.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.tier.KeyLease;
import dev.cachet.testsupport.LocalRedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis tier on a 3-master Redis Cluster. Runs only with {@code -Predis-cluster}, which sets
 * {@code cachet.test.cluster=true}; the cluster runs {@code redis-server} from the PATH, or the
 * binary shipped in {@code embedded-redis}.
 */
class RedisTierClusterIT {

	private static LocalRedisCluster cluster;

	private static LettuceConnectionFactory factory;

	private static RedisTier tier;

	@BeforeAll
	static void startCluster() {
		assertThat(System.getProperty("cachet.test.cluster"))
			.as("Redis Cluster tests run with -Predis-cluster (-Dcachet.test.cluster=true)")
			.isEqualTo("true");
		cluster = LocalRedisCluster.start(3);
		factory = new LettuceConnectionFactory(new RedisClusterConfiguration(cluster.nodeAddresses()),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
		factory.afterPropertiesSet();
		factory.start();
		tier = new RedisTier(factory, TestRedis.settings("cluster:"));
	}

	@AfterAll
	static void stopCluster() {
		if (tier != null) {
			tier.close();
			factory.destroy();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void locationListsTheClusterNodes() {
		assertThat(tier.location()).startsWith("cluster [").contains(cluster.nodeAddresses().get(0));
	}

	@Test
	void roundTripsAndClearAcrossEveryMaster() throws Exception {
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
			.until(() -> {
				tier.put("warm", "k", TestRedis.envelope("v"), Duration.ofMinutes(1));
				return true;
			});
		Envelope envelope = TestRedis.envelope("v");
		for (int i = 0; i < 2000; i++) {
			tier.put("big", "k" + i, envelope, Duration.ofMinutes(5));
		}
		for (int i = 0; i < 50; i++) {
			tier.put("kept", "k" + i, envelope, Duration.ofMinutes(5));
		}
		assertThat(tier.get("big", "k1999").bytes()).isEqualTo(envelope.bytes());
		try (RedisClusterConnection connection = factory.getClusterConnection()) {
			for (RedisClusterNode master : connection.clusterGetNodes()) {
				assertThat(connection.serverCommands().dbSize(master)).as("keys on %s", master).isGreaterThan(500);
			}
		}
		tier.clear("big");
		for (int i = 0; i < 2000; i += 97) {
			assertThat(tier.get("big", "k" + i)).isNull();
		}
		for (int i = 0; i < 50; i++) {
			assertThat(tier.get("kept", "k" + i)).isNotNull();
		}
		try (RedisClusterConnection connection = factory.getClusterConnection()) {
			long total = 0;
			for (RedisClusterNode master : connection.clusterGetNodes()) {
				total += connection.serverCommands().dbSize(master);
			}
			assertThat(total).isEqualTo(51);
		}
	}

	@Test
	void leaseReleaseWakesAWaiterOnTheCluster() throws Exception {
		try (RedisKeyLease leaseA = new RedisKeyLease(factory, TestRedis.settings("cluster:"));
				RedisKeyLease leaseB = new RedisKeyLease(factory, TestRedis.settings("cluster:"))) {
			await().atMost(Duration.ofSeconds(10)).until(() -> leaseA.isListening() && leaseB.isListening());
			KeyLease.Handle holder = leaseA.tryAcquire("c", "k", Duration.ofSeconds(30));
			assertThat(holder.acquired()).isTrue();
			assertThat(leaseB.tryAcquire("c", "k", Duration.ofSeconds(30)).acquired()).isFalse();
			Thread releaser = new Thread(() -> {
				sleep(200);
				holder.close();
			});
			releaser.start();
			long begin = System.nanoTime();
			assertThat(leaseB.awaitRelease("c", "k", Duration.ofSeconds(60))).isTrue();
			assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin)).isLessThan(15);
			releaser.join();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
