package dev.cachet.core.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import dev.cachet.core.codec.CodecException;
import dev.cachet.core.codec.ValueCodec;

/** A simple codec for tests of the cache logic, independent of the default codec. */
public class JavaSerializationCodec implements ValueCodec {

	@Override
	public String id() {
		return "test-jdk";
	}

	@Override
	public byte[] encode(Object value) throws CodecException {
		try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
			out.flush();
			return bytes.toByteArray();
		}
		catch (Exception ex) {
			throw new CodecException("encode failed", ex);
		}
	}

	@Override
	public Object decode(byte[] bytes, int offset, int length) throws CodecException {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset, length))) {
			return in.readObject();
		}
		catch (Exception ex) {
			throw new CodecException("decode failed", ex);
		}
	}

}
