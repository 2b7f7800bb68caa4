package dev.cachet.core.hash;

/**
 * Run in a second JVM by {@link CrossJvmHashTests}: prints the identity hash codes of the sample
 * enum's constants, then one hex hash per sample argument.
 */
public final class SampleArgumentsHashPrinter {

	private SampleArgumentsHashPrinter() {
	}

	public static void main(String[] args) throws UnsupportedArgumentException {
		System.out.println(SampleArguments.enumIdentityHashes());
		for (Object value : SampleArguments.values()) {
			System.out.println(SampleArguments.hex(SampleArguments.hash(value)));
		}
	}

}
