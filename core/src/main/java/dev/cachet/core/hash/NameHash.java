package dev.cachet.core.hash;

import java.util.Arrays;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;

/**
 * A 128-bit stand-in for a sequence of names (a class name and its field names), computed once per
 * class so the hot path writes two longs instead of the names themselves.
 */
final class NameHash {

	private NameHash() {
	}

	static HashValue128 of(Iterable<String> names) {
		HashStream128 stream = Hashing.xxh3_128().hashStream();
		int count = 0;
		for (String name : names) {
			stream.putString(name);
			count++;
		}
		return stream.putInt(count).get();
	}

	static HashValue128 of(String... names) {
		return of(Arrays.asList(names));
	}

}
