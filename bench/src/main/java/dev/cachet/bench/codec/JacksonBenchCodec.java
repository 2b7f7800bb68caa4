package dev.cachet.bench.codec;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson 3 JSON with field access. JSON carries no type names, so the reader must be told the type: a
 * cache that stores JSON has to record the declared return type next to the bytes.
 */
final class JacksonBenchCodec implements BenchCodec {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.changeDefaultVisibility((visibility) -> visibility.withFieldVisibility(Visibility.ANY))
		.build();

	private final JavaType type;

	JacksonBenchCodec(Payload payload) {
		this.type = MAPPER.getTypeFactory().constructType(payload.type());
	}

	@Override
	public byte[] encode(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	@Override
	public Object decode(byte[] bytes) {
		return MAPPER.readValue(bytes, this.type);
	}

}
