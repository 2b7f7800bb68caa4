/**
 * Spring Boot auto-configuration of Cachet: properties, the tiered cache manager, the memory and disk tiers, and the binding of cached methods to their caches.
 */
@NullMarked
package dev.cachet.autoconfigure;

import org.jspecify.annotations.NullMarked;
