/**
 * Results of methods that return a {@link java.nio.file.Path}: files cached by content and streamed between tiers.
 */
@NullMarked
package dev.cachet.core.cache.file;

import org.jspecify.annotations.NullMarked;
