/**
 * Value codecs: the Fory codec with its class allowlist, and zstd compression.
 */
@NullMarked
package dev.cachet.core.codec;

import org.jspecify.annotations.NullMarked;
