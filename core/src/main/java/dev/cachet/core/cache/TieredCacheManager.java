package dev.cachet.core.cache;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.CacheManager;

import dev.cachet.core.cache.file.FileFormat;
import dev.cachet.core.envelope.EnvelopeSigner;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.memory.MemoryTier;
import dev.cachet.core.tier.CompositeInvalidationBus;
import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.core.tier.KeyLease;

/**
 * Creates {@link TieredCache}s on demand, each over the tiers configured for it, and applies
 * evictions announced by other instances to this instance's node-local tiers. Build one with
 * {@link #builder(EntrySerializer, CachetKeyGenerator)}; {@linkplain #close() close} it to stop
 * retrying evictions that tiers failed to apply.
 */
public class TieredCacheManager implements CacheManager, AutoCloseable {

	private final Map<String, TierBinding> tiers;

	private final List<String> defaultTiers;

	private final Map<String, CacheOverrides> overrides;

	private final Duration defaultMaxAge;

	private final boolean allowNullValues;

	private final CachetKeyGenerator keys;

	private final TierOperations operations;

	private final LocalTierTrust trust = new LocalTierTrust();

	private final CacheRuntime runtime;

	private final Clock clock;

	private final ConcurrentMap<String, TieredCache> caches = new ConcurrentHashMap<>();

	private final List<Consumer<TieredCache>> creationListeners = new CopyOnWriteArrayList<>();

	private TieredCacheManager(Builder builder) {
		this.tiers = new LinkedHashMap<>();
		lookupOrder(builder).forEach((name, tier) -> this.tiers.put(name, new TierBinding(name, tier.tier(),
				tier.storageCap(), tier.tier().shared() || (builder.verifyLocalSignatures && tier.tier().persistent()))));
		this.defaultTiers = List.copyOf(builder.defaultTiers);
		this.overrides = Map.copyOf(builder.overrides);
		this.defaultMaxAge = builder.defaultMaxAge;
		this.allowNullValues = builder.allowNullValues;
		this.keys = builder.keys;
		this.clock = builder.clock;
		InvalidationBus bus = announcements(builder);
		this.operations = new TierOperations(bus, clock);
		this.runtime = new CacheRuntime(keys.addresses(), operations, new EntryValidity(keys.methods(), trust),
				new ValueFormat(builder.serializer, operations, builder.signer),
				new FileFormat(operations, builder.fileDirectory, builder.signer), builder.lease, clock);
		validateTierNames("the default tiers", defaultTiers);
		this.overrides.forEach((cache, override) -> {
			if (override.tiers() != null) {
				validateTierNames("the tiers of cache '" + cache + "'", override.tiers());
			}
		});
		if (bus != null) {
			bus.subscribe(new RemoteInvalidations());
		}
	}

	/** The tiers: the default ones in lookup order, then the others in configuration order. */
	private static Map<String, Tier> lookupOrder(Builder builder) {
		Map<String, Tier> ordered = new LinkedHashMap<>();
		builder.defaultTiers.stream()
			.filter(builder.tiers::containsKey)
			.forEach(name -> ordered.put(name, builder.tiers.get(name)));
		builder.tiers.forEach(ordered::putIfAbsent);
		return ordered;
	}

	/** The configured bus and those of tiers shared by processes on one machine. */
	private static @Nullable InvalidationBus announcements(Builder builder) {
		List<InvalidationBus> buses = new ArrayList<>();
		if (builder.bus != null) {
			buses.add(builder.bus);
		}
		builder.tiers.values().forEach((tier) -> tier.tier().invalidations().ifPresent(buses::add));
		return CompositeInvalidationBus.of(buses);
	}

	/** Starts a builder. */
	public static Builder builder(EntrySerializer serializer, CachetKeyGenerator keys) {
		return new Builder(serializer, keys);
	}

	@Override
	public TieredCache getCache(String name) {
		return caches.computeIfAbsent(name, this::create);
	}

	@Override
	public Collection<String> getCacheNames() {
		return Set.copyOf(caches.keySet());
	}

	/** The caches created so far. */
	public Collection<TieredCache> caches() {
		return List.copyOf(caches.values());
	}

	/**
	 * Every configured tier, by name: the default tiers in lookup order, nearest first, then the
	 * others in configuration order.
	 */
	public Map<String, TierBinding> tiers() {
		return Collections.unmodifiableMap(tiers);
	}

	/** The key generator the caches use for explicit keys, and that {@code @Cacheable} should use. */
	public CachetKeyGenerator keyGenerator() {
		return keys;
	}

	/** Calls {@code listener} for every cache created from now on and for those already created. */
	public void onCacheCreated(Consumer<TieredCache> listener) {
		creationListeners.add(listener);
		caches.values().forEach(listener);
	}

	private TieredCache create(String name) {
		CacheOverrides override = overrides.getOrDefault(name, CacheOverrides.NONE);
		List<TierBinding> bindings = new ArrayList<>();
		for (String tierName : (override.tiers() != null) ? override.tiers() : defaultTiers) {
			bindings.add(tiers.get(tierName));
		}
		CacheSettings settings = new CacheSettings(defaultMaxAge, override.maxAge(), override.behaviour(),
				allowNullValues);
		TieredCache cache = new TieredCache(name, settings, bindings, runtime);
		creationListeners.forEach(listener -> listener.accept(cache));
		return cache;
	}

	/** Stops the background retry of evictions tiers failed to apply; the tiers themselves are not closed. */
	@Override
	public void close() {
		operations.close();
	}

	private void validateTierNames(String property, List<String> names) {
		for (String name : names) {
			if (!tiers.containsKey(name)) {
				throw new IllegalArgumentException("Unknown tier '" + name + "' in " + property + "; added tiers are "
						+ tiers.keySet());
			}
		}
	}

	private List<TierBinding> localTiers() {
		return tiers.values().stream().filter(binding -> !binding.tier().shared()).toList();
	}

	/** Applies other instances' evictions to the tiers only this instance has. */
	private final class RemoteInvalidations implements InvalidationBus.Listener {

		@Override
		public void evicted(String cache, String key) {
			operations.evict(localTiers(), cache, key, false);
		}

		@Override
		public void cleared(String cache) {
			operations.clear(localTiers(), cache, false);
		}

		@Override
		public void messagesLost() {
			trust.messagesLostAt(clock.instant());
			for (TierBinding binding : localTiers()) {
				if (binding.tier() instanceof MemoryTier memory) {
					memory.clearAll();
				}
			}
		}

	}

	private record Tier(dev.cachet.core.tier.CacheTier tier, Duration storageCap) {
	}

	/** Builds a {@link TieredCacheManager}. */
	public static final class Builder {

		private final EntrySerializer serializer;

		private final CachetKeyGenerator keys;

		private final Map<String, Tier> tiers = new LinkedHashMap<>();

		private EnvelopeSigner signer = EnvelopeSigner.none();

		private boolean verifyLocalSignatures;

		private List<String> defaultTiers = List.of();

		private final Map<String, CacheOverrides> overrides = new LinkedHashMap<>();

		private Duration defaultMaxAge = Duration.ofHours(12);

		private boolean allowNullValues = true;

		private KeyLease lease;

		private InvalidationBus bus;

		private Clock clock = Clock.systemUTC();

		private Path fileDirectory = Path.of(System.getProperty("java.io.tmpdir"), "cachet-files");

		private Builder(EntrySerializer serializer, CachetKeyGenerator keys) {
			this.serializer = serializer;
			this.keys = keys;
		}

		/** Adds a tier under a name; {@code storageCap} may be {@code null} for no cap. */
		public Builder tier(String name, dev.cachet.core.tier.CacheTier tier, Duration storageCap) {
			tiers.put(name, new Tier(tier, storageCap));
			return this;
		}

		/**
		 * Signs every written entry; entries read from shared tiers (and, when
		 * {@code verifyLocalTiers}, from the other persistent tiers) are served only with a valid
		 * signature.
		 */
		public Builder signer(EnvelopeSigner signer, boolean verifyLocalTiers) {
			this.signer = signer;
			this.verifyLocalSignatures = verifyLocalTiers;
			return this;
		}

		/** Tier names in lookup order for caches without their own list. */
		public Builder defaultTiers(List<String> names) {
			this.defaultTiers = List.copyOf(names);
			return this;
		}

		public Builder cache(String name, CacheOverrides override) {
			overrides.put(name, override);
			return this;
		}

		public Builder defaultMaxAge(Duration maxAge) {
			this.defaultMaxAge = maxAge;
			return this;
		}

		public Builder allowNullValues(boolean allow) {
			this.allowNullValues = allow;
			return this;
		}

		/** Cross-instance single flight; {@code null} for none. */
		public Builder lease(KeyLease lease) {
			this.lease = lease;
			return this;
		}

		/** Announces evictions to other instances; {@code null} for none. */
		public Builder invalidationBus(InvalidationBus bus) {
			this.bus = bus;
			return this;
		}

		/** Where file results ({@link Path}-returning methods) are copied to on a hit. */
		public Builder fileDirectory(Path directory) {
			this.fileDirectory = directory;
			return this;
		}

		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Builds the manager.
		 * @throws IllegalArgumentException if a cache names a tier that was not added
		 */
		public TieredCacheManager build() {
			return new TieredCacheManager(this);
		}

	}

}
