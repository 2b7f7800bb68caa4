package dev.cachet.core.tier.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.cachet.core.envelope.CorruptEnvelopeException;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.tier.CacheNameHash;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.CacheTierContract;

/**
 * A tier an application writes itself, held to the same contract as Cachet's own tiers. It lives
 * outside Cachet's packages, so it can use nothing but the public SPI.
 */
class UserTierContractTests extends CacheTierContract {

	private MapTier tier;

	@Override
	protected CacheTier createTier(Clock clock) {
		this.tier = new MapTier(clock);
		return this.tier;
	}

	@Override
	protected boolean corrupt(String cache, String key) {
		Stored stored = this.tier.store.get(MapTier.name(cache, key));
		byte[] damaged = stored.bytes().clone();
		damaged[damaged.length / 2] ^= 1;
		this.tier.store.put(MapTier.name(cache, key), new Stored(damaged, stored.expiresAt()));
		return true;
	}

	@Override
	protected Collection<String> storageNames() {
		return List.copyOf(this.tier.store.keySet());
	}

	@Override
	protected String storageNameScheme() {
		return "[0-9a-f]{16}/[A-Za-z0-9_-]+";
	}

	@Override
	protected boolean expiresOnClock() {
		return true;
	}

	@Override
	protected Set<Class<?>> capabilities() {
		return Set.of();
	}

	/** Envelope bytes in a map, named by cache name hash and key id, as a remote store would hold them. */
	static final class MapTier implements CacheTier {

		final Map<String, Stored> store = new ConcurrentHashMap<>();

		private final Clock clock;

		MapTier(Clock clock) {
			this.clock = clock;
		}

		static String name(String cache, String key) {
			return CacheNameHash.of(cache) + "/" + key;
		}

		@Override
		public String type() {
			return "map";
		}

		@Override
		public String location() {
			return "heap";
		}

		@Override
		public Envelope get(String cache, String key) {
			String name = name(cache, key);
			Stored stored = this.store.get(name);
			if (stored == null) {
				return null;
			}
			if (!this.clock.instant().isBefore(stored.expiresAt())) {
				this.store.remove(name, stored);
				return null;
			}
			try {
				// a copy: the stored bytes stay ours, the envelope owns the array it parses
				return Envelope.parse(stored.bytes().clone());
			}
			catch (CorruptEnvelopeException ex) {
				this.store.remove(name, stored);
				return null;
			}
		}

		@Override
		public void put(String cache, String key, Envelope envelope, Duration storageTtl) {
			this.store.put(name(cache, key), new Stored(envelope.bytes().clone(), this.clock.instant().plus(storageTtl)));
		}

		@Override
		public void evict(String cache, String key) {
			this.store.remove(name(cache, key));
		}

		@Override
		public void clear(String cache) {
			String prefix = CacheNameHash.of(cache) + "/";
			this.store.keySet().removeIf((name) -> name.startsWith(prefix));
		}

	}

	record Stored(byte[] bytes, Instant expiresAt) {
	}

}
