package dev.cachet.autoconfigure.compat;

import java.util.List;

import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.SimpleKey;

/** The scenario table of {@link SpringCompatibilityTests}: every key kind Spring's annotations offer. */
final class CompatibilityRows {

	private CompatibilityRows() {
	}

	/** Scenarios Spring's and Cachet's caches must observe alike. */
	static List<Row> plain() {
		return List.of(
				Row.same("default key: a second call is served", p -> {
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("find(2)", () -> p.directory().find("2"));
				}),
				Row.same("key = #id: a second call is served", p -> {
					p.see("findByKey(1)", () -> p.directory().findByKey("1"));
					p.see("findByKey(1)", () -> p.directory().findByKey("1"));
				}),
				Row.same("@CacheEvict with the default key evicts what the default key stored", p -> {
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("find(2)", () -> p.directory().find("2"));
					p.run("forget(1)", () -> p.directory().forget("1"));
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("find(2)", () -> p.directory().find("2"));
				}),
				Row.same("@CacheEvict key = #id evicts what the default key stored", p -> {
					p.see("find(1)", () -> p.directory().find("1"));
					p.run("forgetByKey(1)", () -> p.directory().forgetByKey("1"));
					p.see("find(1)", () -> p.directory().find("1"));
				}),
				Row.same("@CacheEvict with the default key evicts what key = #id stored", p -> {
					p.see("findByKey(1)", () -> p.directory().findByKey("1"));
					p.run("forget(1)", () -> p.directory().forget("1"));
					p.see("findByKey(1)", () -> p.directory().findByKey("1"));
				}),
				Row.same("@CacheEvict allEntries clears the cache", p -> {
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("find(2)", () -> p.directory().find("2"));
					p.run("forgetAll()", () -> p.directory().forgetAll());
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("find(2)", () -> p.directory().find("2"));
				}),
				Row.same("@CachePut key = #id replaces what the default key stored", p -> {
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("update(1, Ada)", () -> p.directory().update("1", "Ada"));
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("get(1)", () -> p.cache("users").get("1"));
					p.run("forget(1)", () -> p.directory().forget("1"));
					p.see("find(1)", () -> p.directory().find("1"));
				}),
				Row.same("@CachePut with the default key feeds key = #id and sync readers", p -> {
					p.see("refresh(1)", () -> p.directory().refresh("1"));
					p.see("findByKey(1)", () -> p.directory().findByKey("1"));
					p.see("refresh(2)", () -> p.directory().refresh("2"));
					p.see("findSync(2)", () -> p.directory().findSync("2"));
					p.see("refresh(2)", () -> p.directory().refresh("2"));
					p.see("findSync(2)", () -> p.directory().findSync("2"));
				}),
				Row.same("sync = true: served, and evicted by a sibling", p -> {
					p.see("findSync(1)", () -> p.directory().findSync("1"));
					p.see("findSync(1)", () -> p.directory().findSync("1"));
					p.run("forgetByKey(1)", () -> p.directory().forgetByKey("1"));
					p.see("findSync(1)", () -> p.directory().findSync("1"));
				}),
				Row.same("programmatic putIfAbsent, put, get and evict meet annotated methods", p -> {
					Cache users = p.cache("users");
					p.see("putIfAbsent(1, manual)", () -> users.putIfAbsent("1", "manual"));
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("putIfAbsent(1, other)", () -> users.putIfAbsent("1", "other"));
					p.see("find(2)", () -> p.directory().find("2"));
					p.see("putIfAbsent(2, other)", () -> users.putIfAbsent("2", "other"));
					p.see("get(2)", () -> users.get("2"));
					p.see("get(2, String)", () -> users.get("2", String.class));
					p.run("put(2, manual)", () -> users.put("2", "manual"));
					p.see("find(2)", () -> p.directory().find("2"));
					p.run("evict(2)", () -> users.evict("2"));
					p.see("get(2)", () -> users.get("2"));
					p.see("find(2)", () -> p.directory().find("2"));
				}),
				Row.same("programmatic evictIfPresent and invalidate remove entries", p -> {
					Cache users = p.cache("users");
					p.see("find(1)", () -> p.directory().find("1"));
					p.run("evictIfPresent(1)", () -> users.evictIfPresent("1"));
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("find(2)", () -> p.directory().find("2"));
					p.run("invalidate()", users::invalidate);
					p.see("get(2)", () -> users.get("2"));
					p.see("find(1)", () -> p.directory().find("1"));
				}),
				Row.same("evictIfPresent answers whether the entry was there", p -> {
					Cache users = p.cache("users");
					p.see("evictIfPresent(1)", () -> users.evictIfPresent("1"));
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("evictIfPresent(1)", () -> users.evictIfPresent("1"));
					p.see("evictIfPresent(1)", () -> users.evictIfPresent("1"));
					p.see("find(1)", () -> p.directory().find("1"));
				}),
				Row.same("condition and unless", p -> {
					p.see("guarded(ab)", () -> p.directory().guarded("ab"));
					p.see("guarded(ab)", () -> p.directory().guarded("ab"));
					p.see("guarded(abcd)", () -> p.directory().guarded("abcd"));
					p.see("guarded(abcd)", () -> p.directory().guarded("abcd"));
					p.see("guarded(x!)", () -> p.directory().guarded("x!"));
					p.see("guarded(x!)", () -> p.directory().guarded("x!"));
				}),
				Row.same("two arguments: the default SimpleKey is the explicit new SimpleKey(#a, #b)", p -> {
					p.see("pair(a, b)", () -> p.directory().pair("a", "b"));
					p.see("pair(a, b)", () -> p.directory().pair("a", "b"));
					p.see("get(SimpleKey(a, b))", () -> p.cache("pairs").get(new SimpleKey("a", "b")));
					p.run("forgetPairByArgs(a, b)", () -> p.directory().forgetPairByArgs("a", "b"));
					p.see("pair(a, b)", () -> p.directory().pair("a", "b"));
					p.run("forgetPair(a, b)", () -> p.directory().forgetPair("a", "b"));
					p.see("pair(a, b)", () -> p.directory().pair("a", "b"));
					p.see("pair(b, a)", () -> p.directory().pair("b", "a"));
				}),
				Row.same("two arguments: an explicit new SimpleKey(#a, #b) is served and evicted", p -> {
					p.see("pairByKey(a, b)", () -> p.directory().pairByKey("a", "b"));
					p.see("pairByKey(a, b)", () -> p.directory().pairByKey("a", "b"));
					p.run("forgetPair(a, b)", () -> p.directory().forgetPair("a", "b"));
					p.see("pairByKey(a, b)", () -> p.directory().pairByKey("a", "b"));
				}),
				Row.same("null results are cached unless told otherwise", p -> {
					p.see("absent(1)", () -> p.directory().absent("1"));
					p.see("absent(1)", () -> p.directory().absent("1"));
					p.see("get(1)", () -> p.cache("nulls").get("1"));
					p.see("absentUnlessNull(2)", () -> p.directory().absentUnlessNull("2"));
					p.see("absentUnlessNull(2)", () -> p.directory().absentUnlessNull("2"));
					p.see("get(2)", () -> p.cache("nulls").get("2"));
				}),
				Row.same("Optional results: empty is cached as null", p -> {
					p.see("lookup()", () -> p.directory().lookup(""));
					p.see("lookup()", () -> p.directory().lookup(""));
					p.see("lookup(x)", () -> p.directory().lookup("x"));
					p.see("lookup(x)", () -> p.directory().lookup("x"));
					p.see("get(x)", () -> p.cache("optionals").get("x"));
				}));
	}

	/**
	 * Where Spring's in-memory caches and Cachet differ although the cache contract allows both.
	 * Reported, not hidden: each row pins what both sides do today.
	 */
	static List<Row> divergences() {
		return List.of(
				// Spring's ConcurrentMapCache compares an Object[] key by identity, so such a method never
				// hits; Cachet hashes the array's content, as a serializing cache (Redis) compares it
				Row.differs("divergence: key = #root.args is compared by content", p -> {
					p.see("pairByArgs(a, b)", () -> p.directory().pairByArgs("a", "b"));
					p.see("pairByArgs(a, b)", () -> p.directory().pairByArgs("a", "b"));
				}, List.of("pairByArgs(a, b) -> pairByArgs a,b #1", "pairByArgs(a, b) -> pairByArgs a,b #2",
						"runs {pairByArgs=2}"),
						List.of("pairByArgs(a, b) -> pairByArgs a,b #1", "pairByArgs(a, b) -> pairByArgs a,b #1",
								"runs {pairByArgs=1}")),
				// Cache#invalidate may answer false when prior presence is unknown: Cachet cannot tell
				// without listing every tier, Spring's map can
				Row.differs("divergence: invalidate does not know what it removed", p -> {
					Cache users = p.cache("users");
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("invalidate()", users::invalidate);
					p.see("invalidate()", users::invalidate);
				}, List.of("find(1) -> find 1 #1", "invalidate() -> true", "invalidate() -> false", "runs {find=1}"),
						List.of("find(1) -> find 1 #1", "invalidate() -> false", "invalidate() -> false",
								"runs {find=1}")));
	}

	/**
	 * Two {@code @Cacheable} methods of one cache with equal keys: Spring serves one method's result
	 * to the other (SPR-11736); Cachet recomputes, so each result displaces the other.
	 */
	static List<Row> collisions() {
		return List.of(
				Row.differs("collision: key = #p0 beside the default key", p -> {
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("nickname(1)", () -> p.directory().nickname("1"));
					p.see("find(1)", () -> p.directory().find("1"));
				}, List.of("find(1) -> find 1 #1", "nickname(1) -> find 1 #1", "find(1) -> find 1 #1", "runs {find=1}"),
						List.of("find(1) -> find 1 #1", "nickname(1) -> nickname 1 #1", "find(1) -> find 1 #2",
								"runs {find=2, nickname=1}")),
				Row.differs("collision: two default keys", p -> {
					p.see("alias(1)", () -> p.directory().alias("1"));
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("find(1)", () -> p.directory().find("1"));
				}, List.of("alias(1) -> alias 1 #1", "find(1) -> alias 1 #1", "find(1) -> alias 1 #1", "runs {alias=1}"),
						List.of("alias(1) -> alias 1 #1", "find(1) -> find 1 #1", "find(1) -> find 1 #1",
								"runs {alias=1, find=1}")),
				Row.differs("collision: key = #id beside the default key", p -> {
					p.see("findByKey(1)", () -> p.directory().findByKey("1"));
					p.see("find(1)", () -> p.directory().find("1"));
					p.see("findByKey(1)", () -> p.directory().findByKey("1"));
				}, List.of("findByKey(1) -> findByKey 1 #1", "find(1) -> findByKey 1 #1", "findByKey(1) -> findByKey 1 #1",
						"runs {findByKey=1}"),
						List.of("findByKey(1) -> findByKey 1 #1", "find(1) -> find 1 #1", "findByKey(1) -> findByKey 1 #2",
								"runs {find=1, findByKey=2}")),
				Row.differs("collision: new SimpleKey(#a, #b) beside the default two-argument key", p -> {
					p.see("pair(a, b)", () -> p.directory().pair("a", "b"));
					p.see("pairByKey(a, b)", () -> p.directory().pairByKey("a", "b"));
				}, List.of("pair(a, b) -> pair a,b #1", "pairByKey(a, b) -> pair a,b #1", "runs {pair=1}"),
						List.of("pair(a, b) -> pair a,b #1", "pairByKey(a, b) -> pairByKey a,b #1",
								"runs {pair=1, pairByKey=1}")));
	}

}
