package dev.cachet.autoconfigure.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import dev.cachet.testsupport.RedisServer;
import dev.cachet.testsupport.RedisServerExtension;
import dev.cachet.testsupport.S3Server;
import dev.cachet.testsupport.S3ServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the Redis and S3 tiers on, in a web application with the Actuator: the S3 access key and secret
 * (static credentials of the application's provider), the Redis password, the signing key
 * ({@code cachet.security.keys}) and argument values never appear in the log at INFO or above, in
 * {@code /actuator/cachet} (and its cache and entry pages), in {@code /actuator/configprops} with its
 * defaults, in {@code /actuator/health} with details, or in metric tags, while the servers run, while they
 * are down, and after they are back.
 */
@ExtendWith({ RedisServerExtension.class, S3ServerExtension.class })
class SharedTierSecretsStayOutTests {

	private static final String SECRET = "secret-arg-4711";

	@TempDir
	Path disk;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void credentialsAndArgumentsStayOutOfLogsActuatorAndMetrics(RedisServer redis, S3Server s3) throws Exception {
		List<String> secrets = List.of(s3.accessKey(), s3.secretKey(), SecretsStayOutTests.REDIS_PASSWORD,
				SecretsStayOutTests.SIGNING_KEY, SECRET);
		SecretsStayOutTests.requirePassword(redis);
		List<String> pages = new ArrayList<>();
		try (LogCapture logs = new LogCapture();
				SharedTiersApplication app = SharedTiersApplication.start(redis, s3, s3.credentials(), this.disk,
						WebApplicationType.SERVLET, List.of(logs),
						"spring.data.redis.password=" + SecretsStayOutTests.REDIS_PASSWORD,
						// Boot's Redis health check would wait a minute (the default) while Redis is down
						"spring.data.redis.timeout=1s",
						"cachet.security.keys[0]=" + SecretsStayOutTests.SIGNING_KEY,
						"management.endpoints.web.exposure.include=cachet,configprops,health,metrics",
						"management.endpoint.health.show-details=always")) {
			app.awaitSharedTiersServe(1);
			SecretService service = app.bean(SecretService.class);
			String base = "http://localhost:"
					+ ((WebServerApplicationContext) app.context()).getWebServer().getPort();
			for (int i = 0; i < 20; i++) {
				assertThat(service.lookup(SECRET + "-up-" + i)).isEqualTo(service.lookup(SECRET + "-up-" + i));
			}
			pages.addAll(actuatorPages(base));

			redis.stop();
			s3.stop();
			for (int i = 0; i < 20; i++) {
				service.lookup(SECRET + "-down-" + i);
			}
			pages.addAll(actuatorPages(base));
			assertThat(get(base + "/actuator/health")).as("the outage shows in health").contains("DEGRADED");

			redis.start();
			s3.start();
			SecretsStayOutTests.requirePassword(redis);
			app.awaitSharedTiersServe(1_000);
			for (int i = 0; i < 20; i++) {
				service.lookup(SECRET + "-back-" + i);
			}
			pages.addAll(actuatorPages(base));

			List<String> tags = new ArrayList<>();
			for (Meter meter : app.bean(MeterRegistry.class).getMeters()) {
				meter.getId().getTags().stream().map(Tag::getValue).forEach(tags::add);
			}
			assertThat(tags).as("tags of tier metrics").contains("redis", "s3");
			List<String> logged = logs.infoAndAbove();
			assertThat(logged).as("the outage was logged").anyMatch((line) -> line.contains("WARN"));
			for (String secret : secrets) {
				assertThat(pages).as("actuator pages").noneMatch((page) -> page.contains(secret));
				assertThat(tags).as("metric tags").noneMatch((tag) -> tag.contains(secret));
				assertThat(logged).as("log lines").noneMatch((line) -> line.contains(secret));
			}
		}
	}

	private List<String> actuatorPages(String base) throws Exception {
		List<String> pages = new ArrayList<>();
		for (String path : List.of("/actuator/cachet", "/actuator/cachet/secrets",
				"/actuator/cachet/secrets/entries?page=0&size=100", "/actuator/configprops", "/actuator/health",
				"/actuator/metrics", "/actuator/metrics/cachet.tier.gets")) {
			pages.add(get(base + path));
		}
		assertThat(pages.get(0)).as("the overview lists the shared tiers").contains("\"redis\"", "\"s3\"");
		assertThat(pages.get(3)).as("configprops lists the keys' property").contains("\"security\"", "\"keys\"");
		return pages;
	}

	private String get(String url) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		// health answers 503 when a component is DOWN; the body is what matters here
		assertThat(response.statusCode()).as(url).isIn(200, 503);
		return response.body();
	}

}
