/**
 * Max-age, stale windows and behaviour in layers: global, cache, class or method, call.
 */
@NullMarked
package dev.cachet.core.policy;

import org.jspecify.annotations.NullMarked;
