package dev.cachet.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a realistic AIS vessel-position CSV (NOAA's columns) with a fixed seed, so every machine
 * gets the same 100,000 rows without downloading anything.
 */
public class AisFileGenerator {

	static final String HEADER = "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,"
			+ "Status,Length,Width,Draft,Cargo,TransceiverClass";

	private static final String[] NAMES = { "OCEAN", "SEA", "STAR", "PACIFIC", "ATLANTIC", "GULF", "BAY", "RIVER",
			"HARBOR", "NORTHERN", "SOUTHERN", "SPIRIT", "QUEEN", "KING", "EXPLORER", "TRADER", "PIONEER", "VOYAGER" };

	private static final int[] VESSEL_TYPES = { 30, 31, 36, 37, 52, 60, 70, 71, 80, 90 };

	/** Writes {@code rows} rows to {@code file} unless it exists; writes to a temporary file first. */
	public static Path ensure(Path file, int rows) throws IOException {
		if (Files.exists(file)) {
			return file;
		}
		Files.createDirectories(file.toAbsolutePath().getParent());
		Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "ais", ".tmp");
		try (BufferedWriter out = Files.newBufferedWriter(temporary)) {
			write(out, rows);
		}
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		return file;
	}

	static void write(BufferedWriter out, int rows) throws IOException {
		Random random = new Random(20240101L);
		int vessels = Math.max(1, rows / 40);
		LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
		DateTimeFormatter format = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
		out.write(HEADER);
		out.newLine();
		for (int i = 0; i < rows; i++) {
			int vessel = random.nextInt(vessels);
			Random ship = new Random(vessel * 7919L);
			long mmsi = 338_000_000L + vessel;
			int type = VESSEL_TYPES[ship.nextInt(VESSEL_TYPES.length)];
			double length = 10 + ship.nextInt(320);
			double width = Math.round(length / (5 + ship.nextDouble() * 3) * 10) / 10.0;
			String name = NAMES[ship.nextInt(NAMES.length)] + " " + NAMES[ship.nextInt(NAMES.length)];
			String line = String.join(",", Long.toString(mmsi),
					start.plusSeconds(random.nextInt(86_400)).format(format),
					decimal(24 + random.nextDouble() * 24, 5), decimal(-125 + random.nextDouble() * 60, 5),
					decimal(random.nextDouble() * 25, 1), decimal(random.nextDouble() * 360, 1),
					Integer.toString(random.nextInt(360)), name, "IMO" + (9_000_000 + vessel), "WDC" + (1000 + vessel),
					Integer.toString(type), Integer.toString(random.nextInt(16)), decimal(length, 0), decimal(width, 1),
					decimal(2 + ship.nextDouble() * 12, 1), Integer.toString(type), (length > 50) ? "A" : "B");
			out.write(line);
			out.newLine();
		}
	}

	private static String decimal(double value, int digits) {
		return String.format(Locale.ROOT, "%." + digits + "f", value);
	}

}
