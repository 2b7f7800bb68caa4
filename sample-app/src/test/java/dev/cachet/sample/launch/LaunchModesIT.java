package dev.cachet.sample.launch;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The built application launched four ways, one after another on the same disk folder: as
 * {@code java -jar} (nested jars), as a plain class path ({@code target/classes} and the jars in the
 * local repository), as an extracted jar ({@code -Djarmode=tools extract}) and as the
 * AOT-processed application ({@code -Dspring.aot.enabled=true}). Every cached method,
 * {@link dev.cachet.sample.FleetSummaries} calling Reactor (a jar without Maven metadata) among
 * them, must have the same fingerprint in the four JVMs, and every JVM after the first must hit
 * every entry the first one computed.
 *
 * <p>
 * Runs after {@code package} (failsafe): it needs the repackaged jar and the runtime class path that
 * the build writes to {@code target/runtime-classpath.txt}. Each JVM's output goes to
 * {@code target/launch-modes/*.log} and is printed when the test fails.
 */
class LaunchModesIT {

	/** Small enough to keep each JVM quick; the file name (and so the key) carries the count. */
	private static final int ROWS = 20_000;

	private static final List<String> ENDPOINTS = List.of("/ships?minLength=100", "/fleet");

	private static final Duration STARTUP = Duration.ofSeconds(90);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Path workDirectory = Path.of(property("launch.workDirectory"));

	private final List<Path> logs = new ArrayList<>();

	private Process running;

	@TempDir
	Path temp;

	@AfterEach
	void stopLeftOver() throws InterruptedException {
		if (running != null) {
			stop(running);
		}
	}

	@Test
	void fingerprintsAndEntriesSurviveTheLaunchModeAndARestart() throws Exception {
		Path jar = Path.of(property("launch.executableJar"));
		Path classes = Path.of(property("launch.classes"));
		Path classpathFile = Path.of(property("launch.classpathFile"));
		assertThat(jar).as("the repackaged jar; run after package").isRegularFile();
		assertThat(classpathFile).as("the runtime class path; run after pre-integration-test").isRegularFile();
		Files.createDirectories(workDirectory);
		try (Stream<Path> old = Files.list(workDirectory)) {
			for (Path log : old.filter(path -> path.toString().endsWith(".log")).toList()) {
				Files.delete(log);
			}
		}
		String classpath = classes + File.pathSeparator + Files.readString(classpathFile).strip();
		SoftAssertions softly = new SoftAssertions();
		try {
			Run first = run("1-java-jar", List.of("-jar", jar.toString()));
			softly.assertThat(first.ships().get("cacheHit").asBoolean()).as("JVM 1 (java -jar): /ships cacheHit")
				.isFalse();
			for (CacheTotals totals : first.totals().values()) {
				softly.assertThat(totals.misses()).as("JVM 1 (java -jar): misses of cache %s", totals.name())
					.isPositive();
				softly.assertThat(totals.puts()).as("JVM 1 (java -jar): results stored in cache %s", totals.name())
					.isPositive();
			}
			assertThat(first.totals().keySet()).as("caches of the sample app").containsExactlyInAnyOrder("ais", "fleet");
			assertThat(first.fingerprints()).as("methods with a fingerprint").hasSize(2);

			Run second = run("2-class-path", List.of("-cp", classpath, "dev.cachet.sample.SampleApplication"));
			assertSameAndHits(softly, "JVM 2 (plain class path)", first, second);

			Path extracted = extract(jar);
			Run third = run("3-extracted", List.of("-jar", extracted.toString()));
			assertSameAndHits(softly, "JVM 3 (extracted jar)", first, third);

			Run fourth = run("4-aot", List.of("-Dspring.aot.enabled=true", "-jar", jar.toString()));
			softly.assertThat(Files.readString(workDirectory.resolve("4-aot.log")))
				.as("JVM 4 ran the AOT-processed application")
				.contains("Starting AOT-processed");
			assertSameAndHits(softly, "JVM 4 (java -jar, Spring AOT)", first, fourth);
			softly.assertAll();
		}
		catch (Throwable failure) {
			printLogs();
			throw failure;
		}
	}

	private void assertSameAndHits(SoftAssertions softly, String jvm, Run first, Run later) {
		softly.assertThat(later.fingerprints())
			.as("%s: fingerprints per method, against JVM 1 (java -jar) %s; fingerprint changes it recorded: %s", jvm,
					first.fingerprints(), later.changes())
			.isEqualTo(first.fingerprints());
		softly.assertThat(later.ships().get("cacheHit").asBoolean()).as("%s: /ships cacheHit", jvm).isTrue();
		softly.assertThat(later.totals().keySet()).as("%s: caches", jvm).isEqualTo(first.totals().keySet());
		for (CacheTotals totals : later.totals().values()) {
			softly.assertThat(totals.hits()).as("%s: hits of cache %s", jvm, totals.name()).isPositive();
			softly.assertThat(totals.misses()).as("%s: misses of cache %s", jvm, totals.name()).isZero();
			softly.assertThat(totals.puts()).as("%s: results stored in cache %s", jvm, totals.name()).isZero();
		}
	}

	/** Starts the application, calls every cached endpoint once, reads the Actuator, stops it. */
	private Run run(String name, List<String> launch) throws Exception {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m"));
		command.addAll(launch);
		command.addAll(List.of("--server.port=" + port, "--cachet.disk.path=" + temp.resolve("cache"),
				"--cachet.tiers=memory,disk", "--ais.data-dir=" + temp.resolve("data"), "--ais.rows=" + ROWS,
				"--management.endpoints.web.exposure.include=health,cachet"));
		Path log = workDirectory.resolve(name + ".log");
		logs.add(log);
		ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// the default profile, whatever the caller's environment says
		builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("CACHET_"));
		running = builder.start();
		try {
			String base = "http://localhost:" + port;
			awaitReady(base, name);
			JsonNode ships = null;
			for (String endpoint : ENDPOINTS) {
				JsonNode body = get(base + endpoint);
				if (endpoint.startsWith("/ships")) {
					ships = body;
				}
			}
			JsonNode overview = get(base + "/actuator/cachet");
			Map<String, CacheTotals> totals = new TreeMap<>();
			Map<String, String> fingerprints = new TreeMap<>();
			for (JsonNode cache : overview.get("caches")) {
				String cacheName = cache.get("name").asString();
				totals.put(cacheName, new CacheTotals(cacheName, cache.get("hits").asLong(),
						cache.get("misses").asLong(), cache.get("puts").asLong()));
				for (JsonNode method : get(base + "/actuator/cachet/" + cacheName).get("methods")) {
					fingerprints.put(method.get("id").asString(), method.get("fingerprint").get("current").asString());
				}
			}
			Map<String, String> changes = new TreeMap<>();
			for (JsonNode change : overview.get("fingerprintChanges")) {
				changes.put(text(change.get("method")), text(change.get("previous")) + " -> "
						+ text(change.get("current")) + ": " + text(change.get("cause")));
			}
			return new Run(ships, totals, fingerprints, changes);
		}
		finally {
			stop(running);
			running = null;
		}
	}

	private Path extract(Path jar) throws Exception {
		Path destination = temp.resolve("extracted");
		Path log = workDirectory.resolve("3-extract.log");
		logs.add(log);
		Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
				"--destination", destination.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(extract.waitFor(60, TimeUnit.SECONDS)).as("extraction finished").isTrue();
		assertThat(extract.exitValue()).as("extraction's exit code").isZero();
		Path extractedJar = destination.resolve(jar.getFileName());
		assertThat(extractedJar).as("the extracted application jar").isRegularFile();
		assertThat(destination.resolve("lib")).as("the extracted libraries").isDirectory();
		return extractedJar;
	}

	private void awaitReady(String base, String name) throws Exception {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (!running.isAlive()) {
				fail("JVM %s exited with %d before it was ready", name, running.exitValue());
			}
			try {
				HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (ConnectException | HttpTimeoutException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		fail("JVM %s was not ready within %s", name, STARTUP);
	}

	private JsonNode get(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private void printLogs() {
		for (Path log : logs) {
			System.err.println("===== " + log + " =====");
			try {
				System.err.println(Files.readString(log));
			}
			catch (IOException ex) {
				System.err.println("(cannot read: " + ex + ")");
			}
		}
	}

	private static String text(JsonNode node) {
		return (node == null || node.isNull()) ? "null" : node.asString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String property(String name) {
		String value = System.getProperty(name);
		assertThat(value).as("system property %s (set by failsafe in sample-app/pom.xml)", name).isNotBlank();
		return value;
	}

	/** What one JVM showed: the /ships answer, each cache's totals, each method's fingerprint. */
	private record Run(JsonNode ships, Map<String, CacheTotals> totals, Map<String, String> fingerprints,
			Map<String, String> changes) {
	}

	/** A cache's totals: a computed result is a miss and a put. */
	private record CacheTotals(String name, long hits, long misses, long puts) {
	}

}
