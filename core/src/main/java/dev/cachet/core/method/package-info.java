/**
 * What Cachet knows of each cached method, and who is calling a cache.
 */
@NullMarked
package dev.cachet.core.method;

import org.jspecify.annotations.NullMarked;
