package dev.cachet.autoconfigure.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import dev.cachet.core.envelope.Producer;

import com.dynatrace.hash4j.hashing.Hashing;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.cachet.backend.disk.DiskTier;
import dev.cachet.backend.disk.DiskTierSettings;
import dev.cachet.core.cache.FingerprintJournal;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.envelope.EntryMetadata;
import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.policy.CachePolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real application on a real port: Cachet over memory and disk, Actuator, Micrometer, the
 * Cache-Control filter and the dashboard, exercised through HTTP.
 */
class ObservabilityIntegrationTests {

	private static final String SECRET = "secret-arg-4711";

	private static final String LOAD_ID = "dev.cachet.autoconfigure.actuate.ObservabilityIntegrationTests$Ships#load(java.lang.String)";

	private static final String COUNT_ID = "dev.cachet.autoconfigure.actuate.ObservabilityIntegrationTests$Ships#count(java.lang.String)";

	private static final String PORTS_ID = "dev.cachet.autoconfigure.actuate.ObservabilityIntegrationTests$Ports#ports(java.lang.String)";

	private static final String OLD_FINGERPRINT = "0123456789abcdef0123456789abcdef";

	@TempDir
	Path disk;

	private ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	private String base;

	/** Cached methods whose results never contain their argument. */
	static class Ships {

		static final AtomicInteger loads = new AtomicInteger();

		@Cacheable("ships")
		@CachePolicy(maxAge = "6h", staleIfError = "30m")
		public String load(String path) {
			loads.incrementAndGet();
			return "ships: " + path.length();
		}

		@Cacheable("ships")
		public String count(String path) {
			return "count: " + path.length();
		}

	}

	@CachePolicy(maxAge = "2h")
	static class Ports {

		@Cacheable("ships")
		public String ports(String region) {
			return "ports: " + region.length();
		}

	}

	@RestController
	static class ShipsController {

		private final Ships ships;

		ShipsController(Ships ships) {
			this.ships = ships;
		}

		@GetMapping("/ships")
		String ships(@RequestParam String path) {
			return ships.load(path);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableCaching
	static class App {

		@Bean
		Ships ships() {
			return new Ships();
		}

		@Bean
		Ports ports() {
			return new Ports();
		}

		@Bean
		ShipsController shipsController(Ships ships) {
			return new ShipsController(ships);
		}

	}

	@BeforeEach
	void start() throws Exception {
		Ships.loads.set(0);
		recordEarlierFingerprintOfLoad();
		context = new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.application.name=observe", "cachet.disk.path=" + disk,
					"cachet.tiers=memory,disk", "cachet.memory.max-age=1h", "cachet.caches.ships.max-age=24h",
					"cachet.stale-while-revalidate=1m", "cachet.caches.ships.stale-if-error=2h",
					"cachet.fingerprint.packages=dev.cachet.autoconfigure.actuate",
					"management.endpoints.web.exposure.include=cachet,caches,metrics,health",
					"cachet.web.honor-cache-control=true", "cachet.dashboard.enabled=true")
			.run();
		base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@AfterEach
	void stop() {
		if (context != null) {
			context.close();
		}
	}

	/** A journal record as an earlier run would have left it, with another fingerprint for load. */
	private void recordEarlierFingerprintOfLoad() throws Exception {
		try (DiskTier tier = new DiskTier(new DiskTierSettings(disk, 1 << 20, Duration.ofMinutes(10)))) {
			byte[] payload = (LOAD_ID + "\t" + "ffffffffffffffff\n").getBytes(StandardCharsets.UTF_8);
			Envelope envelope = Envelope.create("cachet-journal-1", false, false,
					new EntryMetadata(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(3650), Duration.ZERO, new Producer(Producer.Kind.CACHEABLE,
							LOAD_ID, OLD_FINGERPRINT), ""),
					payload, 0, payload.length);
			String key = HexFormat.of()
				.toHexDigits(Hashing.xxh3_64().hashBytesToLong(LOAD_ID.getBytes(StandardCharsets.UTF_8)));
			tier.put(FingerprintJournal.CACHE, key, envelope, Duration.ofDays(3650));
		}
	}

	@Test
	void endpointShowsTiersLayersFingerprintsAndCountsButNeverArguments() throws Exception {
		assertThat(get("/ships?path=" + SECRET, null)).isEqualTo("ships: " + SECRET.length());
		assertThat(get("/ships?path=" + SECRET, null)).isEqualTo("ships: " + SECRET.length());
		// other arguments: methods sharing a cache with equal keys share one address and displace each other
		context.getBean(Ships.class).count(SECRET + "/count");
		context.getBean(Ports.class).ports(SECRET + "/ports");
		assertThat(Ships.loads).as("second request is a hit").hasValue(1);

		String overview = get("/actuator/cachet", null);
		assertThat((List<String>) JsonPath.read(overview, "$.tiers[*].name")).containsExactly("memory", "disk");
		assertThat((List<Integer>) JsonPath.read(overview, "$.caches[?(@.name=='ships')].hits")).containsExactly(1);
		assertThat((List<Integer>) JsonPath.read(overview, "$.caches[?(@.name=='ships')].misses"))
			.containsExactly(3);
		assertThat((List<Integer>) JsonPath.read(overview, "$.caches[?(@.name=='ships')].puts")).containsExactly(3);
		assertThat((List<String>) JsonPath.read(overview, "$.fingerprintChanges[*].method")).containsExactly(LOAD_ID);
		assertThat((String) JsonPath.read(overview, "$.fingerprintChanges[0].previous")).isEqualTo(OLD_FINGERPRINT);
		assertThat((List<String>) JsonPath.read(overview, "$.fingerprintChanges[0].change.changed")).containsExactly(LOAD_ID);

		String detail = get("/actuator/cachet/ships", null);
		assertThat((List<String>) JsonPath.read(detail, "$.methods[*].id")).containsExactly(PORTS_ID, COUNT_ID, LOAD_ID);
		assertLayers(detail, LOAD_ID, "METHOD", "PT6H");
		assertLayers(detail, COUNT_ID, "CACHE", "PT24H");
		assertLayers(detail, PORTS_ID, "CLASS", "PT2H");
		assertThat((List<String>) JsonPath.read(detail, "$.methods[?(@.id=='" + LOAD_ID + "')].maxAge.global"))
			.containsExactly("PT12H");
		assertThat((List<String>) JsonPath.read(detail, "$.methods[?(@.id=='" + COUNT_ID + "')].maxAge.method"))
			.containsExactly((String) null);
		assertThat((List<String>) JsonPath.read(detail, "$.methods[?(@.id=='" + LOAD_ID + "')].tiers[*].effective"))
			.as("memory caps at 1h, disk keeps the 6h max-age plus the larger window, 30m")
			.containsExactly("PT1H", "PT6H30M");
		assertWindow(detail, LOAD_ID, "staleWhileRevalidate", "GLOBAL", "PT1M");
		assertWindow(detail, LOAD_ID, "staleIfError", "METHOD", "PT30M");
		assertWindow(detail, COUNT_ID, "staleIfError", "CACHE", "PT2H");
		assertThat((String) JsonPath.read(detail, "$.staleIfError.cache")).isEqualTo("PT2H");
		assertThat((List<Integer>) JsonPath.read(overview, "$.caches[?(@.name=='ships')].stale.hits"))
			.containsExactly(0);
		String currentFingerprint = context.getBean(TieredCacheManager.class)
			.keyGenerator()
			.methods()
			.all()
			.stream()
			.filter(method -> method.id().equals(LOAD_ID))
			.map(method -> method.fingerprint().hash())
			.findFirst()
			.orElseThrow();
		assertThat((List<String>) JsonPath.read(detail, "$.methods[?(@.id=='" + LOAD_ID + "')].fingerprint.current"))
			.containsExactly(currentFingerprint);

		String entries = get("/actuator/cachet/ships/entries?page=0&size=10", null);
		assertThat((Integer) JsonPath.read(entries, "$.total")).isEqualTo(3);
		assertThat((List<String>) JsonPath.read(entries, "$.entries[*].method"))
			.containsExactlyInAnyOrder(LOAD_ID, COUNT_ID, PORTS_ID);
		assertThat((List<Boolean>) JsonPath.read(entries, "$.entries[*].fingerprintCurrent"))
			.containsOnly(true);
		assertThat((List<String>) JsonPath.read(entries, "$.unlistedTiers")).isEmpty();
		assertThat((List<List<String>>) JsonPath.read(entries, "$.entries[*].tiers")).allSatisfy(
				tiers -> assertThat(tiers).contains("disk"));
		assertThat((String) JsonPath.read(get("/actuator/cachet/ships/entries?page=1&size=2", null), "$.entries[0].key"))
			.matches("[0-9a-f]{32}");

		String caches = get("/actuator/caches", null);
		Map<String, Object> listed = JsonPath.read(caches, "$.cacheManagers.cacheManager.caches");
		assertThat(listed).containsOnlyKeys("ships");
		assertThat((String) JsonPath.read(caches, "$.cacheManagers.cacheManager.caches.ships.target"))
			.isEqualTo("dev.cachet.core.cache.CacheTiers");

		String metrics = get("/actuator/metrics/cache.gets?tag=cache:ships&tag=result:hit", null);
		assertThat((Double) JsonPath.read(metrics, "$.measurements[0].value")).isEqualTo(1.0);
		assertThat((Double) JsonPath.read(get("/actuator/metrics/cache.puts?tag=cache:ships", null),
				"$.measurements[0].value")).isEqualTo(3.0);

		for (String body : List.of(overview, detail, entries, caches, metrics, get("/actuator/metrics", null))) {
			assertThat(body).doesNotContain(SECRET);
		}
		for (Meter meter : context.getBean(MeterRegistry.class).getMeters()) {
			for (Tag tag : meter.getId().getTags()) {
				assertThat(tag.getValue()).doesNotContain(SECRET);
			}
		}
	}

	private static void assertWindow(String detail, String methodId, String window, String winner, String value) {
		String method = "$.methods[?(@.id=='" + methodId + "')]." + window;
		assertThat((List<String>) JsonPath.read(detail, method + ".winner")).containsExactly(winner);
		assertThat((List<String>) JsonPath.read(detail, method + ".value")).containsExactly(value);
	}

	private static void assertLayers(String detail, String methodId, String winner, String value) {
		String method = "$.methods[?(@.id=='" + methodId + "')]";
		assertThat((List<String>) JsonPath.read(detail, method + ".maxAge.winner")).containsExactly(winner);
		assertThat((List<String>) JsonPath.read(detail, method + ".maxAge.value")).containsExactly(value);
		assertThat((List<String>) JsonPath.read(detail, method + ".maxAge.cache")).containsExactly("PT24H");
		assertThat((List<String>) JsonPath.read(detail, method + ".behaviour.winner")).containsExactly("GLOBAL");
	}

	@Test
	void cacheControlNoCacheRecomputesAndMaxAgeStillReads() throws Exception {
		get("/ships?path=a", null);
		get("/ships?path=a", "max-age=3600");
		assertThat(Ships.loads).as("the entry is younger than an hour").hasValue(1);
		get("/ships?path=a", "no-cache");
		assertThat(Ships.loads).hasValue(2);
		get("/ships?path=a", "max-age=oops");
		assertThat(Ships.loads).as("a malformed header is ignored").hasValue(2);
	}

	@Test
	void deletesEvictOneKeyStaleEntriesOrTheWholeCache() throws Exception {
		get("/ships?path=a", null);
		get("/ships?path=b", null);
		TieredCacheManager manager = context.getBean(TieredCacheManager.class);
		String staleKey = "00000000000000000000000000000001";
		byte[] payload = new byte[0];
		manager.tiers()
			.get("memory")
			.tier()
			.put("ships", staleKey, Envelope.create("test", false, true,
					new EntryMetadata(Instant.now(), Duration.ofHours(1), Duration.ZERO, new Producer(Producer.Kind.CACHEABLE, LOAD_ID, OLD_FINGERPRINT), ""),
					payload, 0, 0), Duration.ofHours(1));
		assertThat((Integer) JsonPath.read(get("/actuator/cachet/ships/entries", null), "$.total")).isEqualTo(3);

		String stale = delete("/actuator/cachet/ships/stale");
		assertThat((List<String>) JsonPath.read(stale, "$.evicted")).containsExactly(staleKey);
		assertThat((Integer) JsonPath.read(stale, "$.removed")).isEqualTo(1);
		String entries = get("/actuator/cachet/ships/entries", null);
		assertThat((Integer) JsonPath.read(entries, "$.total")).isEqualTo(2);

		String oneKey = JsonPath.read(entries, "$.entries[0].key");
		String evicted = delete("/actuator/cachet/ships/" + oneKey);
		assertThat((List<String>) JsonPath.read(evicted, "$.evicted")).containsExactly(oneKey);
		assertThat((Integer) JsonPath.read(get("/actuator/cachet/ships/entries", null), "$.total")).isEqualTo(1);
		assertThat(status("DELETE", "/actuator/cachet/ships/" + oneKey)).as("already evicted").isEqualTo(404);

		String cleared = delete("/actuator/cachet/ships");
		assertThat((String) JsonPath.read(cleared, "$.scope")).isEqualTo("all");
		assertThat((Integer) JsonPath.read(cleared, "$.removed")).isEqualTo(1);
		assertThat((List<String>) JsonPath.read(cleared, "$.uncountedTiers")).isEmpty();
		get("/ships?path=a", null);
		get("/ships?path=b", null);
		assertThat(Ships.loads).as("cleared in memory and on disk: both recomputed").hasValue(4);
	}

	@Test
	void missingCachesAndEntriesAreNotFoundAndRefusalsSayWhy() throws Exception {
		assertThat(status("GET", "/actuator/cachet/unknown")).isEqualTo(404);
		assertThat(status("DELETE", "/actuator/cachet/unknown")).isEqualTo(404);
		assertThat(status("DELETE", "/actuator/cachet/unknown/stale")).isEqualTo(404);
		assertThat(status("DELETE", "/actuator/cachet/ships/00000000000000000000000000000002")).isEqualTo(404);
		assertThat(status("GET", "/actuator/cachet/ships/other")).isEqualTo(404);

		HttpResponse<String> badKey = send("DELETE", "/actuator/cachet/ships/not-a-key");
		assertThat(badKey.statusCode()).isEqualTo(400);
		assertThat((String) JsonPath.read(badKey.body(), "$.message")).contains("not-a-key", "32 lowercase hex");
		HttpResponse<String> badPage = send("GET", "/actuator/cachet/ships/entries?size=0");
		assertThat(badPage.statusCode()).isEqualTo(400);
		assertThat((String) JsonPath.read(badPage.body(), "$.message")).contains("size between 1 and 500");
	}

	@Test
	void overviewCountsAgreeWithTheCachesTotals() throws Exception {
		TieredCacheManager manager = context.getBean(TieredCacheManager.class);
		manager.getCache("ships").get(new Object(), () -> "a key that cannot be hashed");
		manager.getCache("other").get(new Object(), () -> "another");

		String overview = get("/actuator/cachet", null);
		List<Integer> perCache = JsonPath.read(overview, "$.caches[*].uncachedCalls");
		assertThat(perCache).containsExactly(1, 1);
		assertThat((Integer) JsonPath.read(overview, "$.uncachedCalls")).isEqualTo(2);
	}

	@Test
	void dashboardIsServedAndPointsAtTheEndpoint() throws Exception {
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/cachet-dashboard")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("data-endpoint=\"/actuator/cachet\"").contains("fetch(endpoint").contains("feeds-graph");
	}

	private String get(String path, String cacheControl) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
		if (cacheControl != null) {
			request.header("Cache-Control", cacheControl);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
		return response.body();
	}

	private String delete(String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("DELETE " + path).isEqualTo(200);
		return response.body();
	}

	private int status(String method, String path) throws Exception {
		return send(method, path).statusCode();
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
