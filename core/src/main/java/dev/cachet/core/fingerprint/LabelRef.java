package dev.cachet.core.fingerprint;

/**
 * A label numbered in order of first appearance in its method, so that labels created only for
 * debug information cannot shift the numbers.
 */
record LabelRef(int number) {
}
