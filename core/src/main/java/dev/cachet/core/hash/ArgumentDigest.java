package dev.cachet.core.hash;

import com.dynatrace.hash4j.hashing.HashValue128;

/** A canonical hash being built: write values through {@link ArgumentSink}, then {@link #finish()}. */
public interface ArgumentDigest extends ArgumentSink {

	/** The 128-bit hash of everything written. */
	HashValue128 finish();

}
