package dev.cachet.bench.spring;

import org.springframework.cache.annotation.Cacheable;

/** The cached method both contexts call: a hit returns the value without running the body. */
public class Greetings {

	@Cacheable("greetings")
	public String greet(String name) {
		return "Hello, " + name;
	}

}
