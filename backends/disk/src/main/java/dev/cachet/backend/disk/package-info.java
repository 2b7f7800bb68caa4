/**
 * The local disk tier: one file per entry, an in-memory index, a size bound and a sweeper.
 */
@NullMarked
package dev.cachet.backend.disk;

import org.jspecify.annotations.NullMarked;
