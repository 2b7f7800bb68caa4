package dev.cachet.autoconfigure.actuate;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.cachet.core.cache.TieredCache;

/**
 * {@code /actuator/cachet}: Cachet's tiers and caches, the methods bound to each cache with their
 * code fingerprints and policy layers, and the entries the tiers hold.
 *
 * <ul>
 * <li>{@code GET /actuator/cachet}: tiers in order with state and statistics; caches with totals;
 * recent fingerprint changes.</li>
 * <li>{@code GET /actuator/cachet/{cache}}: the cache's methods, fingerprints, max-age and
 * behaviour layers, storage per tier.</li>
 * <li>{@code GET /actuator/cachet/{cache}/entries?page=0&size=50}: entries, newest first.</li>
 * <li>{@code DELETE /actuator/cachet/{cache}}: clears the cache in every tier, and answers how
 * many entries it removed.</li>
 * <li>{@code DELETE /actuator/cachet/{cache}/{key}}: evicts one entry by key id.</li>
 * <li>{@code DELETE /actuator/cachet/{cache}/stale}: evicts the entries written under a fingerprint
 * that is no longer current.</li>
 * </ul>
 * Over HTTP ({@link CachetEndpointWebExtension}), an unknown cache or an entry no tier holds answers
 * 404, for reads and deletes alike, and a malformed request answers 400 with the reason in the body.
 * Nothing here ever shows argument values.
 */
@Endpoint(id = "cachet")
public class CachetEndpoint {

	/** Second path segment of the entry listing. */
	static final String ENTRIES = "entries";

	/** Second path segment that deletes stale entries instead of one key. */
	static final String STALE = "stale";

	private static final int DEFAULT_PAGE_SIZE = 50;

	private static final int MAX_PAGE_SIZE = 500;

	private final CachetReports reports;

	private final CacheEntries entries;

	CachetEndpoint(CachetReports reports, CacheEntries entries) {
		this.reports = reports;
		this.entries = entries;
	}

	/** Tiers, caches with their totals, and recent fingerprint changes. */
	@ReadOperation
	public CachetReports.Overview overview() {
		return reports.overview();
	}

	/** One cache's methods, policy layers and storage; {@code null} for an unknown cache. */
	@ReadOperation
	public CachetReports.@Nullable CacheDetail cache(@Selector String cache) {
		return reports.cache(cache).map(reports::detail).orElse(null);
	}

	/**
	 * A page of a cache's entries, newest first; {@code null} for an unknown cache or a view other
	 * than {@code entries}.
	 * @throws InvalidEndpointRequestException for a negative page or a size out of range
	 */
	@ReadOperation
	public CacheEntries.@Nullable EntryPage entries(@Selector String cache, @Selector String view,
			@Nullable Integer page, @Nullable Integer size) {
		if (!ENTRIES.equals(view)) {
			return null;
		}
		int pageNumber = (page != null) ? page : 0;
		int pageSize = (size != null) ? size : DEFAULT_PAGE_SIZE;
		if (pageNumber < 0 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new InvalidEndpointRequestException(
					"page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE + " (were " + pageNumber + " and "
							+ pageSize + ")",
					"Invalid page or size");
		}
		return reports.cache(cache).map(found -> entries.page(found, pageNumber, pageSize)).orElse(null);
	}

	/** Clears a cache in every tier; {@code null} for an unknown cache. */
	@DeleteOperation
	public @Nullable Deletion clear(@Selector String cache) {
		return reports.cache(cache).map(found -> deletion(found, "all", entries.clear(found))).orElse(null);
	}

	/**
	 * Evicts one entry or the stale entries; {@code null} for an unknown cache or an entry no tier
	 * holds.
	 * @throws InvalidEndpointRequestException for a key that is neither a key id nor {@code stale}
	 */
	@DeleteOperation
	public @Nullable Deletion evict(@Selector String cache, @Selector String key) {
		if (!STALE.equals(key) && !CacheEntries.isKeyId(key)) {
			throw new InvalidEndpointRequestException(
					"'" + key + "' is neither a key id (32 lowercase hex characters) nor 'stale'", "Invalid key id");
		}
		return reports.cache(cache).flatMap(found -> evict(found, key)).orElse(null);
	}

	private Optional<Deletion> evict(TieredCache cache, String key) {
		if (STALE.equals(key)) {
			return Optional.of(deletion(cache, STALE, entries.evictStale(cache)));
		}
		return CacheEntries.evict(cache, key).map(removed -> deletion(cache, "key", removed));
	}

	private static Deletion deletion(TieredCache cache, String scope, CacheEntries.Removed removed) {
		return new Deletion(cache.getName(), scope, removed.count(), removed.keys(), removed.uncountedTiers());
	}

	/**
	 * What a delete removed.
	 *
	 * @param cache          the cache
	 * @param scope          {@code all}, {@code key} or {@code stale}
	 * @param removed        entries removed, counted in the tiers that can list them
	 * @param evicted        the key ids evicted ({@code all} lists none: a cache may hold millions)
	 * @param uncountedTiers tiers that cannot list their entries: they were cleared or evicted from
	 *                       too, but what they held is not counted
	 */
	public record Deletion(String cache, String scope, int removed, List<String> evicted,
			List<String> uncountedTiers) {
	}

}
