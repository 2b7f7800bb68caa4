/**
 * Addresses of entries: the key as Spring means it, hashed, and Cachet's default key generator.
 */
@NullMarked
package dev.cachet.core.key;

import org.jspecify.annotations.NullMarked;
