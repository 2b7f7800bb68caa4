package dev.cachet.core.fingerprint;

/**
 * A type or method descriptor operand whose class names must be written canonically.
 */
record DescriptorRef(String descriptor) {
}
