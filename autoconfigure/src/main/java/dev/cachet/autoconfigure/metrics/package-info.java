/**
 * Micrometer metrics of Cachet's caches and tiers.
 */
@NullMarked
package dev.cachet.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
