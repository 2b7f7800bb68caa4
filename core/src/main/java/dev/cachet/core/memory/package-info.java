/**
 * The in-memory tier, on Caffeine.
 */
@NullMarked
package dev.cachet.core.memory;

import org.jspecify.annotations.NullMarked;
