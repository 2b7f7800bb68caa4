package dev.cachet.autoconfigure.testcontext;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cache.annotation.Cacheable;

/** A cached method that counts how often its body runs. */
public class Squares {

	private final AtomicInteger computations = new AtomicInteger();

	@Cacheable("squares")
	public int square(int n) {
		computations.incrementAndGet();
		return n * n;
	}

	public int computations() {
		return computations.get();
	}

}
