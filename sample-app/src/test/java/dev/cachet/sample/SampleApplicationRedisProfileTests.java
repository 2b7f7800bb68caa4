package dev.cachet.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's redis profile against a real Redis: a second instance with its own disk gets a hit. */
@ExtendWith(RedisServerExtension.class)
class SampleApplicationRedisProfileTests {

	@TempDir
	Path temp;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext start(RedisServer redis, String instance) {
		return SpringApplication.run(SampleApplication.class, "--spring.profiles.active=redis", "--server.port=0",
				"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--cachet.redis.timeout=2s", "--cachet.disk.path=" + temp.resolve(instance),
				"--ais.data-dir=" + temp.resolve("data"));
	}

	private JsonNode get(ConfigurableApplicationContext context, String path) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return json.readTree(response.body());
	}

	@Test
	void aSecondInstanceWithItsOwnDiskAnswersFromRedis(RedisServer redis) throws Exception {
		try (ConfigurableApplicationContext first = start(redis, "first");
				ConfigurableApplicationContext second = start(redis, "second")) {
			JsonNode computed = get(first, "/ships?minLength=150");
			assertThat(computed.get("cacheHit").asBoolean()).isFalse();
			// the first instance writes to Redis after answering
			assertThat(first.getBean(TieredCacheManager.class).awaitWrites(Duration.ofSeconds(20))).isTrue();
			JsonNode shared = get(second, "/ships?minLength=150");
			assertThat(shared.get("cacheHit").asBoolean()).as("hit from Redis on the second instance").isTrue();
			assertThat(shared.get("ships")).isEqualTo(computed.get("ships"));
		}
	}

}
