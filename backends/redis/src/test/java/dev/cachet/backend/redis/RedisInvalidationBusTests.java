package dev.cachet.backend.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(RedisServerExtension.class)
class RedisInvalidationBusTests {

	private final TestRedis testRedis = new TestRedis();

	private final String prefix = "b" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final RecordingListener heardByA = new RecordingListener();

	private final RecordingListener heardByB = new RecordingListener();

	private RedisInvalidationBus busA;

	private RedisInvalidationBus busB;

	@BeforeEach
	void setUp(RedisServer redis) {
		this.busA = new RedisInvalidationBus(this.testRedis.factory(redis), TestRedis.settings(this.prefix));
		this.busB = new RedisInvalidationBus(this.testRedis.factory(redis), TestRedis.settings(this.prefix));
		this.busA.subscribe(this.heardByA);
		this.busB.subscribe(this.heardByB);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.busA.isListening() && this.busB.isListening());
	}

	@AfterEach
	void tearDown() {
		this.busA.close();
		this.busB.close();
		this.testRedis.close();
	}

	@Test
	void evictReachesTheOtherInstanceButNotTheSender() {
		this.busA.publishEvict("ais", "k1");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heardByB.events.contains("evicted ais k1"));
		// B's message reaches A after A's own would have: A must have heard only B's.
		this.busB.publishEvict("ais", "k2");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heardByA.events.contains("evicted ais k2"));
		assertThat(this.heardByA.events).containsExactly("evicted ais k2");
		assertThat(this.heardByB.events).containsExactly("evicted ais k1");
	}

	@Test
	void clearAndUnusualCacheNamesArriveIntact() {
		this.busA.publishClear("odd\nname|with:stuff");
		this.busA.publishEvict("odd\nname", "k1");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heardByB.events.size() == 2);
		assertThat(this.heardByB.events).containsExactlyInAnyOrder("cleared odd\nname|with:stuff", "evicted odd\nname k1");
	}

	@Test
	void aRedisRestartTellsListenersThatMessagesWereLost(RedisServer redis) {
		assertThat(this.heardByB.events).doesNotContain("lost");
		redis.stop();
		this.busA.publishEvict("ais", "during-outage");
		redis.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.heardByB.events.contains("lost"));
		assertThat(this.heardByA.events).contains("lost");
	}

	@Test
	void publishingWhileRedisIsUnreachableDoesNotThrow() {
		try (RedisInvalidationBus down = new RedisInvalidationBus(this.testRedis.deadFactory(),
				RedisTierSettings.DEFAULTS)) {
			down.publishEvict("ais", "k1");
			down.publishClear("ais");
			assertThat(down.isListening()).isFalse();
		}
	}

	private static final class RecordingListener implements InvalidationBus.Listener {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void evicted(String cache, String key) {
			this.events.add("evicted " + cache + " " + key);
		}

		@Override
		public void cleared(String cache) {
			this.events.add("cleared " + cache);
		}

		@Override
		public void messagesLost() {
			this.events.add("lost");
		}

	}

}
