package dev.cachet.core.tier;

import dev.cachet.core.envelope.EntryMetadata;

/**
 * One entry a tier holds, as {@link TierInspection#entries(String)} lists it for inspection: no payload,
 * only what the envelope header says.
 *
 * @param key      the key id
 * @param metadata the envelope's metadata
 * @param size     the envelope's size in bytes
 */
public record TierEntry(String key, EntryMetadata metadata, long size) {

}
