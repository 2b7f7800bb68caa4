/**
 * The {@code cachet} Actuator endpoint and the health of Cachet's tiers.
 */
@NullMarked
package dev.cachet.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
