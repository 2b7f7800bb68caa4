package dev.cachet.backend.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.testsupport.LocalRedisCluster;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisClusterConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The invalidation bus on a 3-master Redis Cluster: the history is one key on one node, its
 * announcements reach subscribers on any node, and a subscriber whose connections were killed catches
 * up from it. Runs only with {@code -Predis-cluster}, like {@link RedisTierClusterIT}.
 */
class RedisInvalidationBusClusterIT {

	private static final String C_NAME = "cluster-bus-c";

	private static LocalRedisCluster cluster;

	private final TestRedis testRedis = new TestRedis();

	private final List<String> heardByB = new CopyOnWriteArrayList<>();

	private final List<String> heardByC = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void startCluster() {
		assertThat(System.getProperty("cachet.test.cluster"))
			.as("Redis Cluster tests run with -Predis-cluster (-Dcachet.test.cluster=true)")
			.isEqualTo("true");
		cluster = LocalRedisCluster.start(3);
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@AfterEach
	void closeFactories() {
		this.testRedis.close();
	}

	@Test
	void evictionsReachTheOtherInstancesAndAKilledSubscriberCatchesUp() {
		RedisClusterConfiguration configuration = new RedisClusterConfiguration(cluster.nodeAddresses());
		try (RedisInvalidationBus busA = new RedisInvalidationBus(this.testRedis.factory(configuration),
				TestRedis.settings("cluster:"));
				RedisInvalidationBus busB = new RedisInvalidationBus(this.testRedis.factory(configuration),
						TestRedis.settings("cluster:"));
				RedisInvalidationBus busC = new RedisInvalidationBus(
						this.testRedis.slowReconnectingFactory(configuration, C_NAME, Duration.ofSeconds(2)),
						TestRedis.settings("cluster:"))) {
			busB.subscribe(recorder(this.heardByB));
			busC.subscribe(recorder(this.heardByC));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> busA.isListening() && busB.isListening() && busC.isListening());

			busA.publishEvict("ais", "k1");
			await().atMost(Duration.ofSeconds(5)).until(() -> this.heardByB.contains("evicted ais k1"));
			await().atMost(Duration.ofSeconds(5)).until(() -> this.heardByC.contains("evicted ais k1"));

			long killed = 0;
			for (String node : cluster.nodeAddresses()) {
				killed += onNode(node, (commands) -> commands.clientKill(KillArgs.Builder.typePubsub()));
			}
			assertThat(killed).as("pub/sub connections killed").isPositive();
			busA.publishEvict("ais", "k2");
			busA.publishClear("ships");
			assertThat(subscriptionsOf(C_NAME)).as("C was away while they were published").isZero();

			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.heardByC.contains("evicted ais k2") && this.heardByC.contains("cleared ships"));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.heardByB.contains("evicted ais k2") && this.heardByB.contains("cleared ships"));
			assertThat(this.heardByB).doesNotContain("lost");
			assertThat(this.heardByC).doesNotContain("lost");
		}
	}

	/** C's subscribed connections, on every node. */
	private static long subscriptionsOf(String name) {
		long subscribed = 0;
		for (String node : cluster.nodeAddresses()) {
			subscribed += onNode(node, RedisCommands::clientList).lines()
				.filter((line) -> line.contains(" name=" + name + " ") && !line.contains(" sub=0 "))
				.count();
		}
		return subscribed;
	}

	private static <T> T onNode(String address, Function<RedisCommands<String, String>, T> command) {
		String[] hostAndPort = address.split(":");
		RedisClient client = RedisClient.create(RedisURI.create(hostAndPort[0], Integer.parseInt(hostAndPort[1])));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return command.apply(connection.sync());
		}
		finally {
			client.shutdown();
		}
	}

	private static InvalidationBus.Listener recorder(List<String> events) {
		return new InvalidationBus.Listener() {

			@Override
			public void evicted(String cache, String key) {
				events.add("evicted " + cache + " " + key);
			}

			@Override
			public void cleared(String cache) {
				events.add("cleared " + cache);
			}

			@Override
			public void messagesLost() {
				events.add("lost");
			}

		};
	}

}
