package dev.cachet.core.fingerprint;

/**
 * A class operand of an instruction: an internal name, or an array descriptor.
 */
record ClassRef(String internalName) {
}
