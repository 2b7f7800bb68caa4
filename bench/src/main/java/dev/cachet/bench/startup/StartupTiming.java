package dev.cachet.bench.startup;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Start-up overhead of the repackaged sample app with Cachet against the same app without it. Each
 * round launches {@code java -Xmx256m -jar <exec jar>} twice as child processes, WITH Cachet
 * ({@code --cachet.tiers=memory,disk --cachet.disk.path=<fresh folder>}) and WITHOUT it (the same
 * arguments plus {@code --spring.cache.type=none}: Cachet's auto-configurations step aside and Boot
 * gives its no-op cache manager), the order alternating between rounds. The time of a launch is
 * the wall time from just before the process starts until {@code GET /actuator/health} first
 * answers 200, polled every 10 ms on a free loopback port; beside it, the CPU time the process had
 * used by then (user + system, all its threads), which another load on the machine disturbs less.
 *
 * <p>
 * After each launch it checks which side it measured: {@code /actuator/cachet} (200 only with
 * Cachet), the caches {@code /actuator/caches} lists (none with Boot's no-op manager), and whether the disk folder was
 * created. Prints one {@code START ...} line per launch and a summary: per side the median, range
 * and Boot's own "Started ... in" figure, and the ratio WITH / WITHOUT of the medians.
 *
 * <p>
 * Before the rounds, one untimed launch per side writes the sample app's AIS data file (the app
 * generates it at start-up when missing, 100,000 rows) into a folder all launches share
 * ({@code --ais.data-dir}), and warms the page cache; so every timed launch finds the file, as
 * any launch after an app's first does. With {@code jfr} as fourth argument, one more launch WITH
 * Cachet, not counted, records {@code <log folder>/with.jfr} ({@code settings=profile}) to see
 * where its start-up time goes.
 *
 * <p>
 * Usage: {@code StartupTiming <exec jar> [rounds=7] [log folder] [jfr]}.
 */
public final class StartupTiming {

	private static final Pattern STARTED = Pattern
		.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private static final Duration TIMEOUT = Duration.ofSeconds(180);

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(1))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private StartupTiming() {
	}

	/** One measured launch. */
	private record Launch(boolean cachet, int round, double millis, double cpuMillis, double bootStartedSeconds,
			double bootProcessSeconds, int cachetEndpoint, boolean diskFolder, String caches,
			List<String> fingerprintLogLines) {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			throw new IllegalArgumentException("usage: StartupTiming <exec jar> [rounds] [log folder]");
		}
		Path jar = Path.of(args[0]).toAbsolutePath();
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
		Path logs = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("cachet-startup-logs-");
		Files.createDirectories(logs);
		boolean jfr = args.length > 3 && args[3].equals("jfr");
		System.out.println("# jar " + jar + ", " + rounds + " rounds per side, logs in " + logs);
		Path data = Files.createTempDirectory("cachet-startup-data-");
		try {
			for (boolean cachet : new boolean[] { false, true }) {
				Launch warmup = launch(jar, cachet, 0, logs, data, null);
				System.out.printf(Locale.ROOT, "# untimed warm-up %s: %.1f ms%n", side(cachet), warmup.millis());
			}
			List<Launch> launches = measure(jar, rounds, logs, data);
			summarize(launches);
			if (jfr) {
				Path recording = logs.resolve("with.jfr");
				Launch profiled = launch(jar, true, 0, logs, data, recording);
				System.out.printf(Locale.ROOT, "# profiled launch with Cachet (JFR, not counted): %.1f ms, %s%n",
						profiled.millis(), recording);
			}
		}
		finally {
			delete(data);
		}
	}

	private static List<Launch> measure(Path jar, int rounds, Path logs, Path data) throws Exception {
		List<Launch> launches = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			boolean cachetFirst = round % 2 == 1;
			for (boolean cachet : new boolean[] { cachetFirst, !cachetFirst }) {
				Launch launch = launch(jar, cachet, round, logs, data, null);
				launches.add(launch);
				System.out.printf(Locale.ROOT,
						"START side=%s round=%d ms=%.1f cpu_ms=%.0f boot_started_s=%.3f boot_process_s=%.3f actuator_cachet=%d disk_folder=%s caches=%s%n",
						side(cachet), round, launch.millis(), launch.cpuMillis(), launch.bootStartedSeconds(), launch.bootProcessSeconds(),
						launch.cachetEndpoint(), launch.diskFolder(), launch.caches());
				launch.fingerprintLogLines().forEach(line -> System.out.println("  log: " + line));
				Thread.sleep(1000);
			}
		}
		return launches;
	}

	private static String side(boolean cachet) {
		return cachet ? "with" : "without";
	}

	private static Launch launch(Path jar, boolean cachet, int round, Path logs, Path data, @Nullable Path recording)
			throws Exception {
		Path folder = Files.createTempDirectory("cachet-startup-");
		Path disk = folder.resolve("disk");
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx256m"));
		if (recording != null) {
			command.add("-XX:StartFlightRecording=settings=profile,filename=" + recording);
		}
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--ais.data-dir=" + data, "--cachet.tiers=memory,disk", "--cachet.disk.path=" + disk,
				"--cachet.files.path=" + folder.resolve("files")));
		if (!cachet) {
			command.add("--spring.cache.type=none");
		}
		String name = (recording != null) ? "profiled" : (round == 0) ? "warmup" : String.valueOf(round);
		Path log = logs.resolve("startup-" + side(cachet) + "-" + name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(folder.toFile());
		URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");

		long start = System.nanoTime();
		Process process = builder.start();
		try {
			long deadline = start + TIMEOUT.toNanos();
			double millis;
			double cpuMillis;
			while (true) {
				if (status(health) == 200) {
					millis = (System.nanoTime() - start) / 1e6;
					cpuMillis = process.info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e6).orElse(Double.NaN);
					break;
				}
				if (!process.isAlive()) {
					throw new IllegalStateException("the app exited with " + process.exitValue() + ", see " + log);
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("no 200 from " + health + " within " + TIMEOUT + ", see " + log);
				}
				Thread.sleep(10);
			}
			int cachetEndpoint = status(URI.create("http://127.0.0.1:" + port + "/actuator/cachet"));
			String caches = body(URI.create("http://127.0.0.1:" + port + "/actuator/caches"));
			String text = Files.readString(log);
			Matcher started = STARTED.matcher(text);
			double startedSeconds = Double.NaN;
			double processSeconds = Double.NaN;
			if (started.find()) {
				startedSeconds = Double.parseDouble(started.group(1));
				processSeconds = Double.parseDouble(started.group(2));
			}
			List<String> fingerprintLines = text.lines()
				.filter(line -> line.toLowerCase(Locale.ROOT).contains("fingerprint"))
				.toList();
			return new Launch(cachet, round, millis, cpuMillis, startedSeconds, processSeconds, cachetEndpoint,
					Files.exists(disk), cacheNames(caches), fingerprintLines);
		}
		finally {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
			delete(folder);
		}
	}

	/** The caches {@code /actuator/caches} lists ({@code none} for Boot's no-op cache manager). */
	private static String cacheNames(String caches) {
		Matcher cache = Pattern.compile("\"([^\"]+)\":\\{\"target\"").matcher(caches);
		List<String> names = new ArrayList<>();
		while (cache.find()) {
			names.add(cache.group(1));
		}
		return names.isEmpty() ? "none" : String.join(",", names);
	}

	private static int status(URI uri) throws InterruptedException {
		try {
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (ConnectException ex) {
			return -1;
		}
		catch (IOException ex) {
			return -2;
		}
	}

	private static String body(URI uri) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		return response.statusCode() + ":" + response.body();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	private static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void delete(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private static void summarize(List<Launch> launches) {
		System.out.println();
		System.out.println("| side | launches | median ms to health 200 | range ms | CPU ms to health 200, median | range | Boot \"Started in\" median s | \"process running for\" median s |");
		System.out.println("|---|---|---|---|---|---|---|---|");
		double[] medians = new double[2];
		double[] cpuMedians = new double[2];
		for (boolean cachet : new boolean[] { true, false }) {
			List<Launch> side = launches.stream().filter(launch -> launch.cachet() == cachet).toList();
			List<Double> millis = sorted(side.stream().map(Launch::millis).toList());
			double median = median(millis);
			medians[cachet ? 0 : 1] = median;
			List<Double> cpu = sorted(side.stream().map(Launch::cpuMillis).toList());
			cpuMedians[cachet ? 0 : 1] = median(cpu);
			System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f–%.0f | %.0f | %.0f–%.0f | %.2f | %.2f |%n", side(cachet), side.size(),
					median, millis.get(0), millis.get(millis.size() - 1), median(cpu), cpu.get(0), cpu.get(cpu.size() - 1),
					median(sorted(side.stream().map(Launch::bootStartedSeconds).toList())),
					median(sorted(side.stream().map(Launch::bootProcessSeconds).toList())));
		}
		System.out.printf(Locale.ROOT, "STARTUP with_median_ms=%.1f without_median_ms=%.1f ratio_with_over_without=%.3f overhead_ms=%.1f%n",
				medians[0], medians[1], medians[0] / medians[1], medians[0] - medians[1]);
		System.out.printf(Locale.ROOT, "STARTUP with_cpu_median_ms=%.0f without_cpu_median_ms=%.0f cpu_ratio_with_over_without=%.3f cpu_overhead_ms=%.0f%n",
				cpuMedians[0], cpuMedians[1], cpuMedians[0] / cpuMedians[1], cpuMedians[0] - cpuMedians[1]);
		List<Double> paired = new ArrayList<>();
		for (Launch with : launches) {
			if (with.cachet()) {
				launches.stream()
					.filter(other -> !other.cachet() && other.round() == with.round())
					.findFirst()
					.ifPresent(without -> paired.add(with.millis() / without.millis()));
			}
		}
		List<Double> ratios = sorted(paired);
		System.out.printf(Locale.ROOT, "STARTUP per_round_ratio_median=%.3f per_round_ratio_range=%.3f-%.3f%n",
				median(ratios), ratios.get(0), ratios.get(ratios.size() - 1));
	}

	private static List<Double> sorted(List<Double> values) {
		List<Double> copy = new ArrayList<>(values);
		copy.sort(null);
		return copy;
	}

	private static double median(List<Double> sorted) {
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

}
