/**
 * Code fingerprints of cached methods, from their normalized bytecode and everything they reach.
 */
@NullMarked
package dev.cachet.core.fingerprint;

import org.jspecify.annotations.NullMarked;
