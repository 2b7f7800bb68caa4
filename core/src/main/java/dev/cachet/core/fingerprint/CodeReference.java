package dev.cachet.core.fingerprint;

/**
 * Something a method body reaches that may run code or read state: a call, a static field access
 * (class initialization), an instantiation or an instance field read (whose value the runtime walk
 * follows). Method handles are mapped to the instruction they stand for.
 *
 * @param opcode     the ASM opcode: an invoke instruction, {@code GETSTATIC}/{@code PUTSTATIC},
 *                   {@code NEW} or {@code GETFIELD}
 * @param owner      the internal name of the class named by the instruction
 * @param name       the member name, or {@code null} for {@code NEW}
 * @param descriptor the member descriptor, or {@code null} for {@code NEW}
 */
record CodeReference(int opcode, String owner, String name, String descriptor) {
}
