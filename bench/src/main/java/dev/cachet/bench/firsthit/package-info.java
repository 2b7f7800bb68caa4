/**
 * The first hit of each cached type after a restart, against later hits and the computation:
 * fresh JVMs that each serve the entries an earlier JVM stored.
 */
@NullMarked
package dev.cachet.bench.firsthit;

import org.jspecify.annotations.NullMarked;
