package dev.cachet.backend.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Instances announce evictions and clears to each other through a real Redis, and read the ones they
 * missed from the history.
 */
@ExtendWith(RedisServerExtension.class)
class RedisInvalidationBusTests {

	private static final String C_NAME = "bus-c";

	private static final Duration C_AWAY = Duration.ofSeconds(2);

	private final TestRedis testRedis = new TestRedis();

	private RedisClient admin;

	private final String prefix = "b" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final RecordingListener heardByA = new RecordingListener();

	private final RecordingListener heardByB = new RecordingListener();

	private RedisInvalidationBus busA;

	private RedisInvalidationBus busB;

	@BeforeEach
	void setUp(RedisServer redis) {
		this.admin = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
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
		this.admin.shutdown();
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
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.heardByB.events).contains("cleared odd\nname|with:stuff",
					"evicted odd\nname k1"));
		// an announcement heard live and again by a catch-up read of the history is applied twice,
		// harmlessly: what matters is that nothing else, no mangled name, arrived
		assertThat(this.heardByB.events).containsOnly("cleared odd\nname|with:stuff", "evicted odd\nname k1");
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
	void aSubscriberCutOffCatchesUpFromTheHistoryWithoutLosingAnything(RedisServer redis) {
		RecordingListener heardByC = new RecordingListener();
		RedisInvalidationBus busC = slowReconnectingBus(redis, this.prefix, heardByC);
		killSubscriptions();
		await().atMost(Duration.ofSeconds(5)).until(() -> subscriptionsOf(C_NAME) == 0);

		this.busA.publishEvict("ais", "k1");
		this.busA.publishClear("ships");
		this.busB.publishEvict("ais", "k2");
		await().atMost(Duration.ofSeconds(5)).until(() -> historyLength() >= 3);
		assertThat(subscriptionsOf(C_NAME)).as("C was away while they were published").isZero();

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(heardByC.events).containsExactlyInAnyOrder("evicted ais k1",
					"cleared ships", "evicted ais k2"));
		assertThat(this.heardByB.events).as("B, killed too, caught up").contains("evicted ais k1", "cleared ships");
		assertThat(this.heardByB.events).doesNotContain("lost");

		this.busA.publishEvict("ais", "k3");
		await().atMost(Duration.ofSeconds(5)).until(() -> heardByC.events.contains("evicted ais k3"));
		assertThat(heardByC.events).doesNotContain("lost");
		busC.close();
	}

	@Test
	void whenTheHistoryNoLongerReachesBackToWhatASubscriberLastAppliedItIsToldMessagesWereLost(RedisServer redis) {
		RecordingListener heardByC = new RecordingListener();
		RedisInvalidationBus busC = slowReconnectingBus(redis, this.prefix, heardByC);
		try (RedisInvalidationBus shortHistory = new RedisInvalidationBus(this.testRedis.factory(redis),
				TestRedis.settings(this.prefix), 5)) {
			killSubscriptions();
			await().atMost(Duration.ofSeconds(5)).until(() -> subscriptionsOf(C_NAME) == 0);
			for (int i = 0; i < 300; i++) {
				shortHistory.publishEvict("ais", "k" + i);
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> this.heardByA.events.contains("evicted ais k299"));
			assertThat(historyLength()).as("trimmed").isLessThan(300);
			assertThat(subscriptionsOf(C_NAME)).as("C was away while they were published").isZero();

			await().atMost(Duration.ofSeconds(15)).until(() -> heardByC.events.contains("lost"));
			shortHistory.publishEvict("ais", "after");
			await().atMost(Duration.ofSeconds(5)).until(() -> heardByC.events.contains("evicted ais after"));
		}
		busC.close();
	}

	@Test
	void anAnnouncementThatDoesNotFollowOnMakesASubscriberReadWhatItDidNotHear() {
		// an entry whose announcement never arrived, though nobody was disconnected
		admin((commands) -> commands.xadd(this.prefix + "invalidation-history", "m", "E\nsomeone\nunheard\nais"));
		this.busA.publishEvict("ais", "heard");

		// well within the periodic check's interval: noticed by the announcement itself
		await().atMost(InvalidationCatchUp.CHECK_INTERVAL.dividedBy(2))
			.untilAsserted(() -> assertThat(this.heardByB.events).contains("evicted ais heard", "evicted ais unheard"));
		assertThat(this.heardByB.events).doesNotContain("lost");
	}

	@Test
	void aHistoryDeletedUnderAConnectedSubscriberIsNoticed() {
		admin((commands) -> commands.del(this.prefix + "invalidation-history"));
		this.busA.publishEvict("ais", "k1");

		await().atMost(InvalidationCatchUp.CHECK_INTERVAL.dividedBy(2))
			.untilAsserted(() -> assertThat(this.heardByB.events).contains("evicted ais k1", "lost"));
	}

	@Test
	void announcementsOfTheEarlierReleaseWithoutPositionsAreApplied() {
		admin((commands) -> commands.publish(this.prefix + "invalidation", "E\nearlier-release\nk1\nais"));

		await().atMost(Duration.ofSeconds(5)).until(() -> this.heardByB.events.contains("evicted ais k1"));
		assertThat(this.heardByA.events).containsExactly("evicted ais k1");
		assertThat(this.heardByB.events).doesNotContain("lost");
	}

	@Test
	void aRedisThatRefusesTheScriptIsReportedOnce(RedisServer redis) {
		admin((commands) -> commands.aclSetuser("no-scripts",
				AclSetuserArgs.Builder.on().addPassword("no-scripts-pw").allKeys().allChannels().allCommands()
					.removeCommand(CommandType.EVAL)));
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.host(), redis.port());
		configuration.setUsername("no-scripts");
		configuration.setPassword(RedisPassword.of("no-scripts-pw"));
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		Logger logger = (Logger) LoggerFactory.getLogger(RedisInvalidationBus.class);
		logger.addAppender(logged);
		logged.start();
		try (RedisInvalidationBus refused = new RedisInvalidationBus(this.testRedis.factory(configuration),
				TestRedis.settings(this.prefix))) {
			await().atMost(Duration.ofSeconds(10)).until(refused::isListening);
			refused.publishEvict("ais", "k1");
			refused.publishEvict("ais", "k2");
			await().atMost(Duration.ofSeconds(5)).until(() -> warnings(logged) > 0);
			refused.publishEvict("ais", "k3");
			await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
			assertThat(warnings(logged)).as("warned once").isEqualTo(1);
			assertThat(logged.list).filteredOn((event) -> event.getLevel() == Level.WARN)
				.first()
				.satisfies((event) -> assertThat(event.getFormattedMessage()).contains("Redis 5")
					.doesNotContain("no-scripts-pw"));
			assertThat(this.heardByB.events).as("nothing announced").isEmpty();
		}
		finally {
			logger.detachAppender(logged);
			admin((commands) -> commands.aclDeluser("no-scripts"));
		}
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

	/** A third instance whose connections come back {@link #C_AWAY} after they were killed. */
	private RedisInvalidationBus slowReconnectingBus(RedisServer redis, String prefix, RecordingListener listener) {
		RedisInvalidationBus bus = new RedisInvalidationBus(
				this.testRedis.slowReconnectingFactory(redis, C_NAME, C_AWAY), TestRedis.settings(prefix));
		bus.subscribe(listener);
		await().atMost(Duration.ofSeconds(10)).until(bus::isListening);
		assertThat(subscriptionsOf(C_NAME)).as("C's subscription, seen by CLIENT LIST").isPositive();
		return bus;
	}

	private void killSubscriptions() {
		long killed = admin((commands) -> commands.clientKill(KillArgs.Builder.typePubsub()));
		assertThat(killed).as("pub/sub connections killed").isPositive();
	}

	private long subscriptionsOf(String name) {
		return admin(RedisCommands::clientList).lines()
			.filter((line) -> line.contains(" name=" + name + " ") && !line.contains(" sub=0 "))
			.count();
	}

	private static long warnings(ListAppender<ILoggingEvent> logged) {
		return logged.list.stream().filter((event) -> event.getLevel() == Level.WARN).count();
	}

	private long historyLength() {
		return admin((commands) -> commands.xlen(this.prefix + "invalidation-history"));
	}

	private <T> T admin(Function<RedisCommands<String, String>, T> command) {
		try (StatefulRedisConnection<String, String> connection = this.admin.connect()) {
			return command.apply(connection.sync());
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
