package dev.cachet.autoconfigure.reliability;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.cache.annotation.Cacheable;

/** Cached methods called with secret arguments, down each failure path the key and codec have. */
public class SecretService {

	@Cacheable("secrets")
	public String lookup(String token) {
		return "looked up " + token.length();
	}

	/** An argument that cannot be hashed: the call runs uncached. */
	@Cacheable("secrets")
	public int withStream(String token, InputStream stream) throws IOException {
		return token.length() + stream.readAllBytes().length;
	}

	/** An argument whose application-provided hasher fails. */
	@Cacheable("secrets")
	public String withCredentials(Credentials credentials) {
		return "checked " + credentials.user();
	}

	/** A result the codec refuses to encode: the call is not cached. */
	@Cacheable("secrets")
	public File unencodable(String token) {
		return new File("/tmp/report-" + token);
	}

	/** A value type whose hasher refuses some values, with the value in its message. */
	public record Credentials(String user, String password) {
	}

}
