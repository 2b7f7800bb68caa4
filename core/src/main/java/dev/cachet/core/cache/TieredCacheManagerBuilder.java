package dev.cachet.core.cache;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cachet.core.envelope.EnvelopeSigner;
import dev.cachet.core.key.CachetKeyGenerator;
import dev.cachet.core.policy.StaleWindows;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.InvalidationBus;
import dev.cachet.core.tier.KeyLease;

/** Builds a {@link TieredCacheManager}; start one with {@link TieredCacheManager#builder}. */
public final class TieredCacheManagerBuilder {

	final EntrySerializer serializer;

	final CachetKeyGenerator keys;

	final Map<String, Tier> tiers = new LinkedHashMap<>();

	EnvelopeSigner signer = EnvelopeSigner.none();

	boolean verifyLocalSignatures;

	List<String> defaultTiers = List.of();

	final Map<String, CacheOverrides> overrides = new LinkedHashMap<>();

	Duration defaultMaxAge = Duration.ofHours(12);

	StaleWindows defaultWindows = StaleWindows.NONE;

	int refreshThreads = 2;

	int refreshQueueCapacity = 1_000;

	boolean allowNullValues = true;

	KeyLease lease;

	InvalidationBus bus;

	Clock clock = Clock.systemUTC();

	int writeBehindCapacity = 10_000;

	boolean lineage = true;

	Path fileDirectory = Path.of(System.getProperty("java.io.tmpdir"), "cachet-files");

	TieredCacheManagerBuilder(EntrySerializer serializer, CachetKeyGenerator keys) {
		this.serializer = serializer;
		this.keys = keys;
	}

	/** Adds a tier under a name; {@code storageCap} may be {@code null} for no cap. */
	public TieredCacheManagerBuilder tier(String name, CacheTier tier, Duration storageCap) {
		tiers.put(name, new Tier(tier, storageCap));
		return this;
	}

	/**
	 * Signs every written entry; entries read from shared tiers (and, when
	 * {@code verifyLocalTiers}, from the other persistent tiers) are served only with a valid
	 * signature.
	 */
	public TieredCacheManagerBuilder signer(EnvelopeSigner signer, boolean verifyLocalTiers) {
		this.signer = signer;
		this.verifyLocalSignatures = verifyLocalTiers;
		return this;
	}

	/** Tier names in lookup order for caches without their own list. */
	public TieredCacheManagerBuilder defaultTiers(List<String> names) {
		this.defaultTiers = List.copyOf(names);
		return this;
	}

	public TieredCacheManagerBuilder cache(String name, CacheOverrides override) {
		overrides.put(name, override);
		return this;
	}

	public TieredCacheManagerBuilder defaultMaxAge(Duration maxAge) {
		this.defaultMaxAge = maxAge;
		return this;
	}

	/**
	 * The global stale windows ({@code cachet.stale-while-revalidate}, {@code cachet.stale-if-error});
	 * a {@code null} or zero window is off.
	 */
	public TieredCacheManagerBuilder defaultStaleWindows(StaleWindows windows) {
		this.defaultWindows = (windows != null) ? windows : StaleWindows.NONE;
		return this;
	}

	/**
	 * The background refreshes of stale-while-revalidate: how many run at once in this manager and how
	 * many may wait; beyond that a refresh is skipped and counted, the stale entry still served.
	 */
	public TieredCacheManagerBuilder refreshes(int threads, int queueCapacity) {
		this.refreshThreads = threads;
		this.refreshQueueCapacity = queueCapacity;
		return this;
	}

	public TieredCacheManagerBuilder allowNullValues(boolean allow) {
		this.allowNullValues = allow;
		return this;
	}

	/** Cross-instance single flight; {@code null} for none. */
	public TieredCacheManagerBuilder lease(KeyLease lease) {
		this.lease = lease;
		return this;
	}

	/** Announces evictions to other instances; {@code null} for none. */
	public TieredCacheManagerBuilder invalidationBus(InvalidationBus bus) {
		this.bus = bus;
		return this;
	}

	/** Where file results ({@link Path}-returning methods) are copied to on a hit. */
	public TieredCacheManagerBuilder fileDirectory(Path directory) {
		this.fileDirectory = directory;
		return this;
	}

	/** How many writes each tier's write-behind queue holds; beyond it, writes are dropped and counted. */
	public TieredCacheManagerBuilder writeBehindCapacity(int capacity) {
		this.writeBehindCapacity = capacity;
		return this;
	}

	/**
	 * Whether entries record the cached results they were computed from and are served only while
	 * those are unchanged (lineage); on by default.
	 */
	public TieredCacheManagerBuilder lineage(boolean enabled) {
		this.lineage = enabled;
		return this;
	}

	public TieredCacheManagerBuilder clock(Clock clock) {
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

	record Tier(CacheTier tier, Duration storageCap) {
	}

}
