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
import dev.cachet.core.envelope.ChecksumWarmUp;
import dev.cachet.core.envelope.EnvelopeSigner;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.policy.StaleWindows;
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

	private final StaleWindows defaultWindows;

	private final Revalidations revalidations;

	private final boolean allowNullValues;

	private final CachetKeyGenerator keys;

	private final TierOperations operations;

	private final WriteBehind writeBehind;

	private final AsyncTierReads asyncReads;

	private final LocalTierTrust trust = new LocalTierTrust();

	private final CacheRuntime runtime;

	private final Clock clock;

	private final ConcurrentMap<String, TieredCache> caches = new ConcurrentHashMap<>();

	private final List<Consumer<TieredCache>> creationListeners = new CopyOnWriteArrayList<>();

	TieredCacheManager(TieredCacheManagerBuilder builder) {
		this.tiers = new LinkedHashMap<>();
		lookupOrder(builder).forEach((name, tier) -> this.tiers.put(name, new TierBinding(name, tier.tier(),
				tier.storageCap(), tier.tier().shared() || (builder.verifyLocalSignatures && tier.tier().persistent()))));
		this.defaultTiers = List.copyOf(builder.defaultTiers);
		this.overrides = Map.copyOf(builder.overrides);
		this.defaultMaxAge = builder.defaultMaxAge;
		this.defaultWindows = builder.defaultWindows;
		this.revalidations = new Revalidations(builder.lease, builder.refreshThreads, builder.refreshQueueCapacity);
		this.allowNullValues = builder.allowNullValues;
		this.keys = builder.keys;
		this.clock = builder.clock;
		InvalidationBus bus = announcements(builder);
		this.operations = new TierOperations(bus, clock);
		this.writeBehind = new WriteBehind(builder.writeBehindCapacity, operations);
		this.asyncReads = new AsyncTierReads(operations);
		this.runtime = new CacheRuntime(keys.addresses(), operations,
				new EntryValidity(keys.methods(), trust, new InputCheck(this::getCache)),
				new ValueFormat(builder.serializer, operations, builder.signer, writeBehind, asyncReads, clock),
				new FileFormat(operations, builder.fileDirectory, builder.signer), asyncReads, builder.lease, clock,
				revalidations, new LineageGraph(), builder.lineage);
		validateTierNames("the default tiers", defaultTiers);
		this.overrides.forEach((cache, override) -> {
			if (override.tiers() != null) {
				validateTierNames("the tiers of cache '" + cache + "'", override.tiers());
			}
		});
		if (bus != null) {
			bus.subscribe(new RemoteInvalidations(operations, trust, clock, localTiers()));
		}
	}

	/** The tiers: the default ones in lookup order, then the others in configuration order. */
	private static Map<String, TieredCacheManagerBuilder.Tier> lookupOrder(TieredCacheManagerBuilder builder) {
		Map<String, TieredCacheManagerBuilder.Tier> ordered = new LinkedHashMap<>();
		builder.defaultTiers.stream()
			.filter(builder.tiers::containsKey)
			.forEach(name -> ordered.put(name, builder.tiers.get(name)));
		builder.tiers.forEach(ordered::putIfAbsent);
		return ordered;
	}

	/** The configured bus and those of tiers shared by processes on one machine. */
	private static @Nullable InvalidationBus announcements(TieredCacheManagerBuilder builder) {
		List<InvalidationBus> buses = new ArrayList<>();
		if (builder.bus != null) {
			buses.add(builder.bus);
		}
		builder.tiers.values().forEach((tier) -> tier.tier().invalidations().ifPresent(buses::add));
		return CompositeInvalidationBus.of(buses);
	}

	/** Starts a builder. */
	public static TieredCacheManagerBuilder builder(EntrySerializer serializer, CachetKeyGenerator keys) {
		return new TieredCacheManagerBuilder(serializer, keys);
	}

	/**
	 * The name of a cache with no tiers, for running the call path once after start-up (see
	 * {@link #getCache}): nothing it is given is stored anywhere.
	 */
	public static final String CALL_WARM_UP_CACHE = "cachet.warm-up-call";

	private volatile @Nullable TieredCache callWarmUp;

	/**
	 * The cache of this name, created on first use; {@link #CALL_WARM_UP_CACHE} names a cache with
	 * no tiers, which is neither listed nor announced to creation listeners.
	 */
	@Override
	public TieredCache getCache(String name) {
		TieredCache cache = caches.get(name);
		if (cache != null) {
			return cache; // every cached call asks: a plain read first, no lambda and no bin lock
		}
		return name.equals(CALL_WARM_UP_CACHE) ? callWarmUpCache() : caches.computeIfAbsent(name, this::create);
	}

	private TieredCache callWarmUpCache() {
		TieredCache cache = callWarmUp;
		if (cache == null) {
			cache = new TieredCache(CALL_WARM_UP_CACHE, settings(CacheOverrides.NONE), List.of(), runtime);
			callWarmUp = cache; // a benign race: equal caches with no state worth keeping
		}
		return cache;
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

	/** Which entries this instance has seen computed from which: see {@link LineageGraph}. */
	public LineageGraph lineage() {
		return runtime.lineage();
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
		TieredCache cache = new TieredCache(name, settings(override), bindings, runtime);
		creationListeners.forEach(listener -> listener.accept(cache));
		return cache;
	}

	private CacheSettings settings(CacheOverrides override) {
		return new CacheSettings(defaultMaxAge, override.maxAge(), override.behaviour(), allowNullValues, defaultWindows,
				override.windows());
	}

	/**
	 * Runs the read path once through this instance's local tiers (memory, disk) with an entry of its
	 * own, written and removed again, so that the first hit after a restart does not pay for running
	 * it the first time, and has the JIT compile the envelope checksum every read of bytes runs
	 * ({@link ChecksumWarmUp}). Shared tiers are not touched. Call it off the start-up thread.
	 */
	public void warmUp() {
		ChecksumWarmUp.run();
		new ReadPathWarmUp(localTiers(), settings(CacheOverrides.NONE), runtime, clock).run();
	}

	/**
	 * Waits until the results computed so far are in every tier: their writes to tiers that store
	 * bytes are made after the call that computed them returned. For tests, and before handing a
	 * disk folder to another process.
	 * @return whether they all landed (or were dropped) within {@code timeout}
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitWrites(Duration timeout) throws InterruptedException {
		return writeBehind.awaitLanded(timeout);
	}

	/**
	 * Stops the background refreshes of stale entries (waiting briefly for those running), finishes
	 * the writes still queued for tiers (waiting at most 30 seconds), then stops the
	 * background retry of evictions tiers failed to apply; the tiers themselves are not closed.
	 */
	@Override
	public void close() {
		revalidations.close();
		writeBehind.close();
		asyncReads.close();
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

}
