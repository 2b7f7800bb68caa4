package dev.cachet.core.cache;

import java.time.Clock;

import org.jspecify.annotations.Nullable;

import dev.cachet.core.cache.file.FileFormat;
import dev.cachet.core.key.CacheAddresses;
import dev.cachet.core.tier.KeyLease;

/** What every cache of one {@link TieredCacheManager} shares. */
record CacheRuntime(CacheAddresses addresses, TierOperations operations, EntryValidity validity, ValueFormat values,
		FileFormat files, AsyncTierReads asyncReads, @Nullable KeyLease lease, Clock clock, Revalidations revalidations,
		LineageGraph lineage, boolean recordsInputs) {

}
