package dev.cachet.autoconfigure.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.cache.TierBinding;
import dev.cachet.core.cache.TieredCache;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.CachedMethods;
import dev.cachet.core.key.CachetKey;
import dev.cachet.core.tier.TierEntry;
import dev.cachet.core.tier.TierInspection;

/**
 * Lists, across the tiers of one cache that can list them, the entries it holds (headers only),
 * and evicts single or stale entries. An entry is stale when it was written by a method Cachet
 * knows whose fingerprint is no longer the current one: no call can ever read it again.
 */
class CacheEntries {

	private static final Logger logger = LoggerFactory.getLogger(CacheEntries.class);

	private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{32}");

	private final TieredCacheManager manager;

	private final CachedMethods methods;

	private final Clock clock;

	CacheEntries(TieredCacheManager manager, Clock clock) {
		this.manager = manager;
		this.methods = manager.keyGenerator().methods();
		this.clock = clock;
	}

	/** Whether {@code key} has the form of a Cachet key id (32 lowercase hex characters). */
	static boolean isKeyId(String key) {
		return key != null && KEY_ID.matcher(key).matches();
	}

	/** One page of the cache's entries, newest first. */
	EntryPage page(TieredCache cache, int page, int size) {
		Listing listing = list(cache);
		Instant now = clock.instant();
		List<Found> shown = listing.entries()
			.values()
			.stream()
			.sorted(Comparator.comparing((Found found) -> found.metadata().createdAt())
				.reversed()
				.thenComparing(Found::key))
			.skip((long) page * size)
			.limit(size)
			.toList();
		Map<String, List<DependentReport>> dependents = dependents(cache.getName(), shown);
		List<EntryReport> entries = shown.stream()
			.map(found -> report(cache, found, now, dependents.getOrDefault(found.key(), List.of())))
			.toList();
		return new EntryPage(cache.getName(), page, size, listing.entries().size(), entries, listing.unlisted());
	}

	/**
	 * Evicts the entries written under a fingerprint that is no longer current, as far as the tiers
	 * can list them.
	 */
	Removed evictStale(TieredCache cache) {
		Listing listing = list(cache);
		List<String> stale = listing.entries()
			.values()
			.stream()
			.filter(found -> Boolean.FALSE.equals(currentFingerprint(found.metadata())))
			.map(Found::key)
			.sorted()
			.toList();
		stale.forEach(key -> cache.evict(CachetKey.of(key)));
		return new Removed(stale.size(), stale, listing.unlisted());
	}

	/**
	 * Clears the cache in every tier (and other instances' local tiers).
	 * @return how many entries the tiers that can list them held; their key ids are not listed
	 */
	Removed clear(TieredCache cache) {
		Listing listing = list(cache);
		cache.clear();
		return new Removed(listing.entries().size(), List.of(), listing.unlisted());
	}

	/**
	 * Evicts one entry from every tier of the cache (and other instances' local tiers).
	 * @return what was removed, or empty when no tier held the entry
	 */
	static Optional<Removed> evict(TieredCache cache, String key) {
		return cache.evictIfPresent(CachetKey.of(key)) ? Optional.of(new Removed(1, List.of(key), List.of()))
				: Optional.empty();
	}

	/**
	 * The entries computed from the shown ones, found among the entries the tiers list of the caches
	 * this instance has seen fed by this one.
	 */
	private Map<String, List<DependentReport>> dependents(String cache, List<Found> shown) {
		Map<String, List<DependentReport>> dependents = new LinkedHashMap<>();
		shown.forEach(found -> dependents.put(found.key(), new ArrayList<>()));
		for (String fed : manager.lineage().fedBy(cache)) {
			list(manager.getCache(fed)).entries().values().forEach(entry -> entry.metadata().inputs().inputs().forEach(input -> {
				List<DependentReport> of = input.cache().equals(cache) ? dependents.get(input.key()) : null;
				if (of != null) {
					of.add(new DependentReport(fed, entry.key(), entry.metadata().methodId()));
				}
			}));
		}
		return dependents;
	}

	private EntryReport report(TieredCache cache, Found found, Instant now, List<DependentReport> dependents) {
		EntryMetadata metadata = found.metadata();
		Optional<CachedMethod> method = method(metadata.methodId());
		Duration maxAge = cache.policyFor(method.orElse(null)).effectiveMaxAge();
		Duration age = metadata.age(now);
		return new EntryReport(found.key(), metadata.methodId(), metadata.fingerprint(),
				currentFingerprint(metadata), metadata.createdAt().toString(), age.toString(),
				maxAge.minus(age).toString(), age.compareTo(maxAge) < 0, found.size(),
				metadata.computeTime().toString(), found.tiers(), inputs(metadata), dependents);
	}

	/** The entry's inputs, each as its address holds it now. */
	private List<InputReport> inputs(EntryMetadata metadata) {
		return metadata.inputs().inputs().stream().map(input -> {
			EntryMetadata current = manager.getCache(input.cache()).inspect(CachetKey.of(input.key()));
			return new InputReport(input.cache(), input.key(), (current != null) ? current.methodId() : null,
					current != null && current.version() == input.version());
		}).toList();
	}

	/** Whether the entry's fingerprint is its method's current one; {@code null} when that is unknown. */
	private Boolean currentFingerprint(EntryMetadata metadata) {
		return method(metadata.methodId()).map(method -> method.fingerprint().hash().equals(metadata.fingerprint()))
			.orElse(null);
	}

	private Optional<CachedMethod> method(String methodId) {
		return methods.byId(methodId);
	}

	private Listing list(TieredCache cache) {
		Map<String, Found> entries = new LinkedHashMap<>();
		List<String> unlisted = new ArrayList<>();
		for (TierBinding binding : cache.getNativeCache()) {
			TierInspection inspection = binding.tier().inspection().orElse(null);
			if (inspection == null) {
				unlisted.add(binding.name());
				continue;
			}
			try (Stream<TierEntry> stream = inspection.entries(cache.getName())) {
				stream.forEach(entry -> entries
					.computeIfAbsent(entry.key(), key -> new Found(key, entry.metadata(), entry.size(), new ArrayList<>()))
					.tiers()
					.add(binding.name()));
			}
			catch (Exception ex) {
				logger.debug("Tier '{}' could not list the entries of cache '{}'", binding.name(), cache.getName(), ex);
				unlisted.add(binding.name());
			}
		}
		return new Listing(entries, unlisted);
	}

	/**
	 * What a removal took away.
	 *
	 * @param count          entries removed from the tiers that could list or probe them
	 * @param keys           their key ids (none listed when a whole cache is cleared)
	 * @param uncountedTiers tiers that cannot list their entries (or failed to): what they held is
	 *                       not counted
	 */
	record Removed(int count, List<String> keys, List<String> uncountedTiers) {
	}

	private record Listing(Map<String, Found> entries, List<String> unlisted) {
	}

	/** An entry as the nearest tier holding it describes it, and every tier holding it. */
	private record Found(String key, EntryMetadata metadata, long size, List<String> tiers) {
	}

	/**
	 * A page of entries.
	 *
	 * @param total         entries in the tiers that could list them
	 * @param unlistedTiers tiers of the cache that cannot list their entries (or failed to)
	 */
	record EntryPage(String cache, int page, int size, int total, List<EntryReport> entries,
			List<String> unlistedTiers) {
	}

	/**
	 * One entry: its key id (a hash: argument values are never stored), the method and fingerprint
	 * that wrote it, whether that fingerprint is the method's current one ({@code null} if the
	 * method is unknown), its age and remaining freshness under today's policy (ISO-8601), size in
	 * bytes, compute time, the tiers holding it, nearest first, the cached results it was computed from,
	 * and the entries computed from it that the tiers able to list entries hold, in the caches this
	 * instance has seen fed by this one.
	 */
	record EntryReport(String key, String method, String fingerprint, Boolean fingerprintCurrent, String createdAt,
			String age, String remaining, boolean fresh, long size, String computeTime, List<String> tiers,
			List<InputReport> inputs, List<DependentReport> dependents) {
	}

	/**
	 * An entry computed from the one reported, as the tiers that can list entries hold it: its cache,
	 * key id and the method that computed it (empty: application code).
	 */
	record DependentReport(String cache, String key, String method) {
	}

	/**
	 * A cached result the entry was computed from: its address, the method whose entry is there now
	 * ({@code null} when none may be served), and whether that is the very entry the computation read
	 * (if not, the entry is no longer served).
	 */
	record InputReport(String cache, String key, @Nullable String method, boolean unchanged) {
	}

}
