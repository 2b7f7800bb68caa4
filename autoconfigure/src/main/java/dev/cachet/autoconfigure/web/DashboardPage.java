package dev.cachet.autoconfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/** Serves the dashboard HTML with the address of the cachet endpoint filled in. */
class DashboardPage {

	static final String RESOURCE = "META-INF/cachet/dashboard.html";

	private static final String ENDPOINT_PLACEHOLDER = "__CACHET_ENDPOINT__";

	private final String template;

	private final String endpointPath;

	/** @param endpointPath the endpoint's path below the servlet context, such as {@code /actuator/cachet} */
	DashboardPage(String endpointPath) {
		this.template = read();
		this.endpointPath = endpointPath;
	}

	ServerResponse render(ServerRequest request) {
		String endpoint = request.servletRequest().getContextPath() + endpointPath;
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header("Cache-Control", "no-store")
			.body(template.replace(ENDPOINT_PLACEHOLDER, HtmlUtils.htmlEscape(endpoint)));
	}

	private static String read() {
		try (InputStream in = new ClassPathResource(RESOURCE, DashboardPage.class.getClassLoader()).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cachet dashboard page missing: " + RESOURCE, ex);
		}
	}

}
