package dev.cachet.core.fingerprint;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;

/**
 * A 128-bit XXH3 hash value, printed as 32 lowercase hex characters.
 */
record Hash128(long high, long low) {

	static HashStream128 newStream() {
		return Hashing.xxh3_128().hashStream();
	}

	static Hash128 of(HashStream128 stream) {
		HashValue128 value = stream.get();
		return new Hash128(value.getMostSignificantBits(), value.getLeastSignificantBits());
	}

	String hex() {
		return String.format("%016x%016x", this.high, this.low);
	}

}
