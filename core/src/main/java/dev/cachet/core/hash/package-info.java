/**
 * Canonical, typed hashing of argument values, independent of JVM run and iteration order.
 */
@NullMarked
package dev.cachet.core.hash;

import org.jspecify.annotations.NullMarked;
