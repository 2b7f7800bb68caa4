/**
 * The tier SPI, its optional capabilities, and what tiers share (health, circuit breaker, lease and invalidation contracts).
 */
@NullMarked
package dev.cachet.core.tier;

import org.jspecify.annotations.NullMarked;
