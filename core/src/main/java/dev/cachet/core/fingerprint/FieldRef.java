package dev.cachet.core.fingerprint;

/**
 * A field operand of a field instruction: internal owner name, field name and descriptor.
 */
record FieldRef(String owner, String name, String descriptor) {
}
