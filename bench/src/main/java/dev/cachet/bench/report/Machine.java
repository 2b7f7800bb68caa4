package dev.cachet.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run measured on.
 *
 * @param cores     available processors
 * @param cpu       CPU model from {@code /proc/cpuinfo}
 * @param java      Java runtime name and version
 * @param os        operating system
 * @param memoryGiB physical memory
 */
public record Machine(int cores, String cpu, String java, String os, long memoryGiB) {

	public static Machine current() {
		return new Machine(Runtime.getRuntime().availableProcessors(), cpuModelName(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
				totalMemoryGiB());
	}

	/** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} shows them. */
	public static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static String cpuModelName() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter(line -> line.startsWith("model name"))
				.map(line -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static long totalMemoryGiB() {
		try {
			return Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter(line -> line.startsWith("MemTotal:"))
				.map(line -> Long.parseLong(line.replaceAll("\\D", "")) / (1024 * 1024))
				.findFirst()
				.orElse(0L);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
