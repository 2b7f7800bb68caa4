/**
 * The Redis tier, the per-key lease across instances and the invalidation bus, on Lettuce.
 */
@NullMarked
package dev.cachet.backend.redis;

import org.jspecify.annotations.NullMarked;
