package dev.cachet.autoconfigure.compat;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;

/**
 * Sibling methods sharing caches through every key kind Spring offers. Each body counts its runs and
 * returns a value naming the method, the arguments and the run number, so a served entry and a
 * recomputation are told apart by the value alone.
 */
public class Directory {

	private final Map<String, Integer> runs = new TreeMap<>();

	@Cacheable("users")
	public String find(String id) {
		return ran("find", id);
	}

	@Cacheable(cacheNames = "users", key = "#id")
	public String findByKey(String id) {
		return ran("findByKey", id);
	}

	/** Equal keys to {@link #find}: Spring's SPR-11736 collision. */
	@Cacheable(cacheNames = "users", key = "#p0")
	public String nickname(String id) {
		return ran("nickname", id);
	}

	/** Equal default keys to {@link #find}: the same collision. */
	@Cacheable("users")
	public String alias(String id) {
		return ran("alias", id);
	}

	@Cacheable(cacheNames = "users", sync = true)
	public String findSync(String id) {
		return ran("findSync", id);
	}

	@CacheEvict("users")
	public void forget(String id) {
		ran("forget", id);
	}

	@CacheEvict(cacheNames = "users", key = "#id")
	public void forgetByKey(String id) {
		ran("forgetByKey", id);
	}

	@CacheEvict(cacheNames = "users", allEntries = true)
	public void forgetAll() {
		ran("forgetAll", "");
	}

	@CachePut(cacheNames = "users", key = "#id")
	public String update(String id, String name) {
		return ran("update", id + "=" + name);
	}

	@CachePut("users")
	public String refresh(String id) {
		return ran("refresh", id);
	}

	@Cacheable(cacheNames = "guarded", condition = "#id.length() < 4", unless = "#result.endsWith('!')")
	public String guarded(String id) {
		return ran("guarded", id);
	}

	@Cacheable("pairs")
	public String pair(String a, String b) {
		return ran("pair", a + "," + b);
	}

	@Cacheable(cacheNames = "pairs", key = "new org.springframework.cache.interceptor.SimpleKey(#a, #b)")
	public String pairByKey(String a, String b) {
		return ran("pairByKey", a + "," + b);
	}

	@Cacheable(cacheNames = "arrays", key = "#root.args")
	public String pairByArgs(String a, String b) {
		return ran("pairByArgs", a + "," + b);
	}

	@CacheEvict(cacheNames = "pairs", key = "new org.springframework.cache.interceptor.SimpleKey(#a, #b)")
	public void forgetPair(String a, String b) {
		ran("forgetPair", a + "," + b);
	}

	@CacheEvict(cacheNames = "pairs", key = "#root.args")
	public void forgetPairByArgs(String a, String b) {
		ran("forgetPairByArgs", a + "," + b);
	}

	@Cacheable("nulls")
	public String absent(String id) {
		ran("absent", id);
		return null;
	}

	@Cacheable(cacheNames = "nulls", unless = "#result == null")
	public String absentUnlessNull(String id) {
		ran("absentUnlessNull", id);
		return null;
	}

	@Cacheable("optionals")
	public Optional<String> lookup(String id) {
		String value = ran("lookup", id);
		return id.isEmpty() ? Optional.empty() : Optional.of(value);
	}

	/** How often each body ran, by method name. */
	public synchronized Map<String, Integer> runs() {
		return new TreeMap<>(runs);
	}

	private synchronized String ran(String method, String arguments) {
		int run = runs.merge(method, 1, Integer::sum);
		return method + " " + arguments + " #" + run;
	}

}
