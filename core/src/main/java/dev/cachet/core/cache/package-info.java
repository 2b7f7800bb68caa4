/**
 * The tiered Spring {@code Cache} and its collaborators: call resolution, the tier chain, validity of entries, single flight and value results.
 */
@NullMarked
package dev.cachet.core.cache;

import org.jspecify.annotations.NullMarked;
