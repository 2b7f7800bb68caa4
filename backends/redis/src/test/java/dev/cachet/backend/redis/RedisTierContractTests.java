package dev.cachet.backend.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.CacheTierContract;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;

/** The Redis tier under the tier contract, on a real Redis server. Redis expires entries on its own clock. */
@ExtendWith(RedisServerExtension.class)
class RedisTierContractTests extends CacheTierContract {

	private final TestRedis testRedis = new TestRedis();

	private final String prefix = "contract" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final LettuceConnectionFactory factory;

	RedisTierContractTests(RedisServer redis) {
		this.factory = this.testRedis.factory(redis);
	}

	/** A generous budget: the first command of a fresh client on a busy machine is slow; budgets are tested elsewhere. */
	@Override
	protected CacheTier createTier(Clock clock) {
		return new RedisTier(this.factory, TestRedis.settings(this.prefix).withTimeout(Duration.ofSeconds(10)), clock);
	}

	@Override
	protected void cleanUp() {
		this.testRedis.close();
	}

	@Override
	protected boolean corrupt(String cache, String key) {
		byte[] entryKey = new RedisKeys(this.prefix).entry(cache, key);
		try (RedisConnection connection = this.factory.getConnection()) {
			byte[] bytes = connection.stringCommands().get(entryKey);
			bytes[bytes.length / 2] ^= 1;
			connection.stringCommands().set(entryKey, bytes);
		}
		return true;
	}

	@Override
	protected Collection<String> storageNames() {
		List<String> names = new ArrayList<>();
		try (RedisConnection connection = this.factory.getConnection();
				Cursor<byte[]> keys = connection.keyCommands()
					.scan(ScanOptions.scanOptions().match(this.prefix + "*").count(1000).build())) {
			keys.forEachRemaining((key) -> names.add(new String(key, StandardCharsets.UTF_8)));
		}
		return names;
	}

	/** {@code prefix + hash(cache name) + ":" + key id}, see {@link RedisKeys}. */
	@Override
	protected String storageNameScheme() {
		return Pattern.quote(this.prefix) + "[0-9a-f]{16}:[A-Za-z0-9_-]+";
	}

	@Override
	protected boolean expiresOnClock() {
		return false;
	}

	@Override
	protected Set<Class<?>> capabilities() {
		return Set.of();
	}

}
