package dev.cachet.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo, started for real: the second request is a cache hit, also after a restart. */
class SampleApplicationTests {

	@TempDir
	Path temp;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext start() {
		return SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--cachet.disk.path=" + temp.resolve("cache"), "--ais.data-dir=" + temp.resolve("data"));
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
	void secondRequestIsAHitAlsoAfterARestart() throws Exception {
		JsonNode first;
		try (ConfigurableApplicationContext context = start()) {
			first = get(context, "/ships?minLength=100");
			assertThat(first.get("cacheHit").asBoolean()).isFalse();
			assertThat(first.get("rows").asInt()).isEqualTo(100_000);
			assertThat(first.get("matching").asInt()).isPositive().isLessThan(100_000);
			JsonNode second = get(context, "/ships?minLength=100");
			assertThat(second.get("cacheHit").asBoolean()).isTrue();
			assertThat(second.get("matching")).isEqualTo(first.get("matching"));
			assertThat(second.get("ships")).isEqualTo(first.get("ships"));
			assertThat(get(context, "/actuator/health").get("status").asString()).isEqualTo("UP");
		}
		try (ConfigurableApplicationContext context = start()) {
			JsonNode afterRestart = get(context, "/ships?minLength=100");
			assertThat(afterRestart.get("cacheHit").asBoolean()).isTrue();
			assertThat(afterRestart.get("ships")).isEqualTo(first.get("ships"));
		}
	}

}
