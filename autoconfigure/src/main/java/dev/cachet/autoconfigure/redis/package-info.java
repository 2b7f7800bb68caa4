/**
 * Auto-configuration of the Redis tier, its key lease and its invalidation bus.
 */
@NullMarked
package dev.cachet.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
