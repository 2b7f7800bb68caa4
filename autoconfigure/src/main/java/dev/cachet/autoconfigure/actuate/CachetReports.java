package dev.cachet.autoconfigure.actuate;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.OptionalLong;

import dev.cachet.core.cache.CacheMethodCatalog;
import dev.cachet.core.cache.CacheSettings;
import dev.cachet.core.cache.CacheStatistics;
import dev.cachet.core.cache.MissReason;
import dev.cachet.core.cache.FingerprintJournal;
import dev.cachet.core.cache.TierBinding;
import dev.cachet.core.cache.TierStatistics;
import dev.cachet.core.cache.LineageGraph;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.fingerprint.FingerprintChange;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.policy.LayeredSetting;
import dev.cachet.core.policy.MethodPolicy;
import dev.cachet.core.policy.PolicyLayer;
import dev.cachet.core.policy.ResolvedPolicy;
import dev.cachet.core.tier.TierHealth;

/**
 * Builds the read-only views of {@link CachetEndpoint}: tiers, cache totals, and per cache the
 * bound methods with their fingerprints and policy layers. Only names, hashes, counts and
 * durations appear; never argument values.
 */
class CachetReports {

	private final TieredCacheManager manager;

	private final CacheMethodCatalog catalog;

	private final FingerprintJournal journal;

	CachetReports(TieredCacheManager manager, CacheMethodCatalog catalog, FingerprintJournal journal) {
		this.manager = manager;
		this.catalog = catalog;
		this.journal = journal;
	}

	/** Every cache the application has created or declared, by name. */
	List<TieredCache> caches() {
		catalog.cacheNames().forEach(manager::getCache);
		return manager.caches().stream().sorted(Comparator.comparing(TieredCache::getName)).toList();
	}

	/** The cache with this name if it exists or a method declares it; otherwise empty. */
	Optional<TieredCache> cache(String name) {
		boolean known = manager.getCacheNames().contains(name) || catalog.cacheNames().contains(name);
		return known ? Optional.of(manager.getCache(name)) : Optional.empty();
	}

	Overview overview() {
		List<TierReport> tiers = manager.tiers().values().stream().map(CachetReports::tier).toList();
		List<TieredCache> caches = caches();
		List<MethodFingerprint> changes = caches.stream()
			.flatMap(cache -> catalog.methodsOf(cache.getName()).stream())
			.distinct()
			.map(this::fingerprint)
			.filter(fingerprint -> fingerprint.previous() != null)
			.sorted(Comparator.comparing(MethodFingerprint::changedAt, Comparator.nullsLast(Comparator.reverseOrder())))
			.toList();
		List<CacheTotals> totals = caches.stream().map(CachetReports::totals).toList();
		return new Overview(tiers, totals, totals.stream().mapToLong(CacheTotals::uncachedCalls).sum(), changes,
				lineage(feed -> true));
	}

	CacheDetail detail(TieredCache cache) {
		CacheSettings settings = cache.settings();
		ResolvedPolicy cachePolicy = cache.policyFor(null);
		List<MethodReport> methods = catalog.methodsOf(cache.getName())
			.stream()
			.map(method -> method(cache, method))
			.toList();
		return new CacheDetail(cache.getName(), totals(cache), layered(cachePolicy.maxAge()),
				layered(cachePolicy.behaviour()), layered(cachePolicy.staleWhileRevalidate()),
				layered(cachePolicy.staleIfError()), storage(cache, cachePolicy), methods,
				lineage(feed -> feed.from().equals(cache.getName()) || feed.to().equals(cache.getName())));
	}

	private Lineage lineage(Predicate<LineageGraph.CacheFeed> filter) {
		LineageGraph graph = manager.lineage();
		return new Lineage(graph.feeds().stream().filter(filter).toList());
	}

	private MethodReport method(TieredCache cache, CachedMethod method) {
		ResolvedPolicy policy = cache.policyFor(method);
		List<CacheMethodCatalog.Binding> bindings = catalog.bindingsOf(cache.getName())
			.stream()
			.filter(binding -> binding.method() == method)
			.toList();
		return new MethodReport(method.id(), text(bindings.get(0).keyKind()),
				bindings.stream().map(binding -> text(binding.role())).toList(), fingerprint(method),
				layered(policy.maxAge()), layered(policy.behaviour()), layered(policy.staleWhileRevalidate()),
				layered(policy.staleIfError()), storage(cache, policy));
	}

	private static final FingerprintChange NO_CHANGE = FingerprintChange.between(Map.of(), Map.of());

	/**
	 * The method's fingerprint and what changed since the last run, recorded now if the background
	 * pass after start-up has not reached the method yet (or waited for, if it is recording it).
	 */
	private MethodFingerprint fingerprint(CachedMethod method) {
		FingerprintJournal.Revision revision = journal.record(method);
		FingerprintChange change = revision.change();
		return new MethodFingerprint(method.id(), method.fingerprint().hash(), revision.previous(),
				(revision.changedAt() != null) ? revision.changedAt().toString() : null,
				(change != null) ? change.describe() : null, (change != null) ? change : NO_CHANGE);
	}

	/** How long each tier keeps an entry written now: max-age plus the larger configured stale window, capped. */
	private static List<TierStorage> storage(TieredCache cache, ResolvedPolicy policy) {
		Duration maxAge = policy.effectiveMaxAge().plus(policy.storageWindow());
		return cache.getNativeCache().stream().map(binding -> {
			Duration cap = binding.storageCap();
			Duration effective = (cap != null && cap.compareTo(maxAge) < 0) ? cap : maxAge;
			return new TierStorage(binding.name(), text(cap), text(effective));
		}).toList();
	}

	private static <T> Layers layered(LayeredSetting<T> setting) {
		return new Layers(text(setting.global()), text(setting.cache()), text(setting.classLevel()),
				text(setting.method()), setting.winner(), text(setting.value()));
	}

	static TierReport tier(TierBinding binding) {
		TierHealth health = binding.tier().health();
		TierStatistics statistics = binding.statistics();
		long calls = statistics.calls();
		return new TierReport(binding.name(), binding.tier().type(), binding.tier().location(),
				binding.tier().shared(), binding.tier().persistent(), health.state(), health.detail(),
				binding.tier().inspection().map(inspection -> value(inspection.entryCount())).orElse(null),
				binding.tier().inspection().map(inspection -> value(inspection.sizeInBytes())).orElse(null),
				statistics.hits(),
				statistics.misses(), statistics.puts(), statistics.errors(), statistics.dropped(), calls,
				(calls > 0) ? statistics.totalNanos() / 1000.0 / calls : null);
	}

	static CacheTotals totals(TieredCache cache) {
		CacheStatistics statistics = cache.statistics();
		long lookups = statistics.hits() + statistics.misses();
		return new CacheTotals(cache.getName(), cache.getNativeCache().stream().map(TierBinding::name).toList(),
				statistics.hits(), statistics.misses(), (lookups > 0) ? (double) statistics.hits() / lookups : null,
				statistics.puts(), statistics.evictions(), statistics.loads(), statistics.loadNanos() / 1_000_000,
				statistics.timeSavedNanos() / 1_000_000, statistics.uncachedCalls(), rejected(statistics),
				new StaleServes(statistics.staleHits(), statistics.staleIfErrorServes(), statistics.refreshes(),
						statistics.refreshesSkipped(), statistics.refreshesFailed()));
	}

	private static Map<String, Long> rejected(CacheStatistics statistics) {
		Map<String, Long> rejected = new LinkedHashMap<>();
		for (MissReason reason : MissReason.values()) {
			long count = statistics.rejected(reason);
			if (count > 0) {
				rejected.put(text(reason), count);
			}
		}
		return rejected;
	}

	private static Long value(OptionalLong value) {
		return value.isPresent() ? value.getAsLong() : null;
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		return (value instanceof Enum<?> constant) ? constant.name().toLowerCase() : value.toString();
	}

	/**
	 * What {@code GET /actuator/cachet} answers.
	 *
	 * @param tiers              every configured tier: the default tiers in lookup order, nearest
	 *                           first, then the others
	 * @param caches             every cache with its totals
	 * @param uncachedCalls      calls that bypassed a cache, the sum of the caches' {@code uncachedCalls}
	 * @param fingerprintChanges methods whose code changed since their last recorded run, newest first
	 */
	record Overview(List<TierReport> tiers, List<CacheTotals> caches, long uncachedCalls,
			List<MethodFingerprint> fingerprintChanges, Lineage lineage) {
	}

	/**
	 * Which caches feed which, as far as this instance has seen: results of cache {@code from} read by
	 * a method computing results of cache {@code to}.
	 */
	record Lineage(List<LineageGraph.CacheFeed> feeds) {
	}

	/**
	 * One tier. {@code entries}, {@code bytes} and {@code meanLatencyMicros} are {@code null} when
	 * unknown (a memory tier's calls are not timed); {@code writesDropped} counts writes its full
	 * write-behind queue refused; {@code location} never holds credentials.
	 */
	record TierReport(String name, String type, String location, boolean shared, boolean persistent,
			TierHealth.State state, String detail, Long entries, Long bytes, long hits, long misses, long puts,
			long errors, long writesDropped, long calls, Double meanLatencyMicros) {
	}

	/**
	 * Running totals of one cache over all its tiers, which are listed in lookup order;
	 * {@code hitRatio} is {@code null} before the first lookup. {@code uncachedCalls} counts calls that
	 * bypassed the cache (a key that cannot be hashed, a disabled behaviour, a result that cannot be
	 * encoded); {@code rejected} counts, by reason, entries a tier held that were not served;
	 * {@code stale} counts what the stale windows served and refreshed.
	 */
	record CacheTotals(String name, List<String> tiers, long hits, long misses, Double hitRatio, long puts,
			long evictions, long loads, long loadTimeMillis, long timeSavedMillis, long uncachedCalls,
			Map<String, Long> rejected, StaleServes stale) {
	}

	/**
	 * Entries served past max-age: within stale-while-revalidate ({@code hits}, each also counted a miss
	 * and a {@code stale} rejection), within stale-if-error ({@code ifError}); background refreshes
	 * completed, skipped (another instance held the lease, or the refresh pool was full) and failed.
	 */
	record StaleServes(long hits, long ifError, long refreshes, long refreshesSkipped, long refreshesFailed) {
	}

	/** What {@code GET /actuator/cachet/{cache}} answers: cache-level policy, storage and bound methods. */
	record CacheDetail(String name, CacheTotals totals, Layers maxAge, Layers behaviour, Layers staleWhileRevalidate,
			Layers staleIfError, List<TierStorage> tiers, List<MethodReport> methods, Lineage lineage) {
	}

	/**
	 * A method bound to a cache: how its key is made ({@code default}, {@code expression},
	 * {@code generator}), its operations on the cache ({@code cacheable}, {@code put}, {@code evict}),
	 * its fingerprint, its policy layers and how long each tier keeps its results.
	 */
	record MethodReport(String id, String keyKind, List<String> operations, MethodFingerprint fingerprint,
			Layers maxAge, Layers behaviour, Layers staleWhileRevalidate, Layers staleIfError, List<TierStorage> tiers) {
	}

	/**
	 * A method's fingerprint, and what changed since the previous one recorded.
	 * @param cause the change in words, {@code null} when it did not change
	 * @param change the change part by part: methods, libraries, configuration (names), wiring
	 */
	record MethodFingerprint(String method, String current, String previous, String changedAt, String cause,
			FingerprintChange change) {
	}

	/** A setting as each layer states it ({@code null} where silent), the winning layer and the value in force. */
	record Layers(String global, String cache, String classLevel, String method, PolicyLayer winner, String value) {
	}

	/**
	 * A tier's storage cap and the time it keeps an entry written now (max-age plus the larger stale
	 * window, capped by the tier).
	 */
	record TierStorage(String tier, String storageCap, String effective) {
	}

}
