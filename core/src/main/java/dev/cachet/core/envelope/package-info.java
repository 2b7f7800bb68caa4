/**
 * The byte form of an entry, identical in every tier: header, producer, address, payload, signature and checksum.
 */
@NullMarked
package dev.cachet.core.envelope;

import org.jspecify.annotations.NullMarked;
