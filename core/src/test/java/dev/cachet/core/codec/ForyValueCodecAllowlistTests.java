package dev.cachet.core.codec;

import java.io.File;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ForyValueCodecAllowlistTests {

	private static final String GADGET_PACKAGE = "dev.cachet.core.codec.gadget";

	private static final String GADGET = GADGET_PACKAGE + ".Gadget";

	private static final ClassAllowlist WITH_GADGET = ClassAllowlist.of(List.of(GADGET_PACKAGE));

	private static final ClassAllowlist WITHOUT_GADGET = ClassAllowlist.of(List.of("dev.cachet.core.codec.fixtures"));

	@Test
	void refusesAClassOutsideTheAllowlistBeforeLoadingIt() throws Exception {
		byte[] encoded = encodeGadgetIn(new IsolatingClassLoader("writer-1", GADGET_PACKAGE));
		IsolatingClassLoader reader = new IsolatingClassLoader("reader-1", GADGET_PACKAGE);
		ForyValueCodec refusing = new ForyValueCodec(WITHOUT_GADGET, reader);

		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> refusing.decode(encoded, 0, encoded.length))
			.withMessageContaining(GADGET);
		assertThat(reader.requested()).doesNotContain(GADGET);
		assertThat(GadgetEvents.byLoader("reader-1")).isEmpty();
	}

	@Test
	void refusesAGadgetNestedInAnAllowedCollection() throws Exception {
		IsolatingClassLoader writer = new IsolatingClassLoader("writer-2", GADGET_PACKAGE);
		byte[] encoded = new ForyValueCodec(WITH_GADGET, writer).encode(Map.of("key", List.of(newGadget(writer))));
		IsolatingClassLoader reader = new IsolatingClassLoader("reader-2", GADGET_PACKAGE);

		assertThatExceptionOfType(CodecException.class)
			.isThrownBy(() -> new ForyValueCodec(WITHOUT_GADGET, reader).decode(encoded, 0, encoded.length));
		assertThat(reader.requested()).doesNotContain(GADGET);
		assertThat(GadgetEvents.byLoader("reader-2")).isEmpty();
	}

	@Test
	void theSameBytesDecodeWhenTheClassIsAllowedSoTheRefusalIsTheAllowlists() throws Exception {
		byte[] encoded = encodeGadgetIn(new IsolatingClassLoader("writer-3", GADGET_PACKAGE));
		IsolatingClassLoader reader = new IsolatingClassLoader("reader-3", GADGET_PACKAGE);

		Object decoded = new ForyValueCodec(WITH_GADGET, reader).decode(encoded, 0, encoded.length);

		assertThat(decoded.getClass().getName()).isEqualTo(GADGET);
		assertThat(reader.requested()).contains(GADGET);
		assertThat(GadgetEvents.byLoader("reader-3")).contains("clinit@reader-3", "readObject@reader-3");
	}

	@Test
	void refusesToEncodeAClassOutsideTheAllowlist() throws Exception {
		IsolatingClassLoader loader = new IsolatingClassLoader("writer-4", GADGET_PACKAGE);
		ForyValueCodec codec = new ForyValueCodec(WITHOUT_GADGET, loader);
		Object gadget = newGadget(loader);

		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.encode(gadget));
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.encode(List.of("ok", gadget)));
	}

	@Test
	void refusesToEncodeJdkClassesThatAreNotValues() {
		ForyValueCodec codec = new ForyValueCodec(WITHOUT_GADGET);

		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.encode(new File("/etc/passwd")));
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.encode(Map.of("k", new Thread())));
		assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.encode(null));
	}

	private static byte[] encodeGadgetIn(IsolatingClassLoader writer) throws Exception {
		return new ForyValueCodec(WITH_GADGET, writer).encode(newGadget(writer));
	}

	private static Object newGadget(ClassLoader loader) throws Exception {
		Constructor<?> constructor = Class.forName(GADGET, true, loader).getConstructor(String.class);
		return constructor.newInstance("rm -rf /");
	}

}
