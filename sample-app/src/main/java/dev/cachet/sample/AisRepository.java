package dev.cachet.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Repository;

/**
 * Loads AIS files: the slow call Cachet caches. The key covers this method's code and the path;
 * edit {@link #parse(String)} and the cached results retire by themselves.
 */
@Repository
public class AisRepository {

	private final ThreadLocal<Boolean> computed = ThreadLocal.withInitial(() -> false);

	/** Parses the whole CSV. Cached in the {@code ais} cache (memory, then disk). */
	@Cacheable("ais")
	public List<ShipPosition> load(String path) {
		computed.set(true);
		try (BufferedReader reader = Files.newBufferedReader(Path.of(path))) {
			List<ShipPosition> positions = new ArrayList<>();
			reader.readLine();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				positions.add(parse(line));
			}
			return positions;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read AIS file " + path, ex);
		}
	}

	/** Whether the last {@link #load} on this thread ran the method body (a miss); resets the flag. */
	public boolean lastLoadComputed() {
		boolean result = computed.get();
		computed.remove();
		return result;
	}

	static ShipPosition parse(String line) {
		String[] f = line.split(",", -1);
		return new ShipPosition(Long.parseLong(f[0]), LocalDateTime.parse(f[1]), Double.parseDouble(f[2]),
				Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Integer.parseInt(f[6]),
				f[7], f[8], f[9], Integer.parseInt(f[10]), Integer.parseInt(f[11]), Double.parseDouble(f[12]),
				Double.parseDouble(f[13]), Double.parseDouble(f[14]), Integer.parseInt(f[15]), f[16]);
	}

}
