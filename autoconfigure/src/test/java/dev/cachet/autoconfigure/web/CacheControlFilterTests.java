package dev.cachet.autoconfigure.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.cachet.core.policy.Behaviour;
import dev.cachet.core.policy.Cachet;
import dev.cachet.core.policy.CallOptions;
import dev.cachet.core.policy.StaleWindows;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CacheControlFilterTests {

	private final CacheControlFilter filter = new CacheControlFilter();

	/** The call options the handler saw, with the given Cache-Control values. */
	private CallOptions seenBy(String... cacheControl) throws Exception {
		AtomicReference<CallOptions> seen = new AtomicReference<>();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/report");
		for (String value : cacheControl) {
			request.addHeader("Cache-Control", value);
		}
		HttpServlet handler = new HttpServlet() {
			@Override
			protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
				seen.set(Cachet.current());
			}
		};
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain(handler));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(Cachet.current()).as("options end with the request").isNull();
		return seen.get();
	}

	@Test
	void maxAgeBecomesThePerCallMaxAge() throws Exception {
		CallOptions options = seenBy("max-age=60");
		assertThat(options.maxAge()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.behaviour()).isEqualTo(Behaviour.INHERIT);
	}

	@Test
	void noCacheRecomputes() throws Exception {
		assertThat(seenBy("no-cache").behaviour()).isEqualTo(Behaviour.RECOMPUTE);
		assertThat(seenBy("No-Cache, max-age=30").behaviour()).isEqualTo(Behaviour.RECOMPUTE);
	}

	@Test
	void maxAgeZeroRecomputes() throws Exception {
		CallOptions options = seenBy("max-age=0");
		assertThat(options.behaviour()).isEqualTo(Behaviour.RECOMPUTE);
		assertThat(options.maxAge()).isNull();
	}

	@Test
	void theStrictestOfSeveralMaxAgesWins() throws Exception {
		assertThat(seenBy("max-age=600", "public, max-age=\"120\"").maxAge()).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void hugeMaxAgesAreCapped() throws Exception {
		assertThat(seenBy("max-age=99999999999999999999999").maxAge()).isEqualTo(Duration.ofSeconds(2_147_483_648L));
	}

	@Test
	void malformedOrIrrelevantValuesAreIgnored() throws Exception {
		assertThat(seenBy("max-age=-5")).isNull();
		assertThat(seenBy("max-age=ten")).isNull();
		assertThat(seenBy("max-age=")).isNull();
		assertThat(seenBy("no-store, private")).isNull();
		assertThat(seenBy()).isNull();
	}

	@Test
	void staleWhileRevalidateAndStaleIfErrorBecomeTheCallsWindows() throws Exception {
		CallOptions options = seenBy("max-age=60, stale-while-revalidate=30", "stale-if-error=\"3600\"");
		assertThat(options.maxAge()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.windows()).isEqualTo(new StaleWindows(Duration.ofSeconds(30), Duration.ofSeconds(3600)));
		assertThat(options.behaviour()).isEqualTo(Behaviour.INHERIT);
	}

	@Test
	void maxStaleServesStaleEntriesWhileTheyAreRefreshed() throws Exception {
		assertThat(seenBy("max-stale=120").windows().whileRevalidate()).isEqualTo(Duration.ofSeconds(120));
		assertThat(seenBy("max-stale").windows().whileRevalidate()).as("any staleness")
			.isEqualTo(Duration.ofSeconds(2_147_483_648L));
		assertThat(seenBy("max-stale=10, stale-while-revalidate=20").windows().whileRevalidate())
			.as("the more tolerant of the two").isEqualTo(Duration.ofSeconds(20));
		assertThat(seenBy("max-stale=10").windows().ifError()).isNull();
	}

	@Test
	void malformedWindowsAreIgnored() throws Exception {
		assertThat(seenBy("stale-if-error=-1, stale-while-revalidate=soon, max-stale=")).isNull();
	}

	@Test
	void optionsSetByTheCallerAreRestoredAfterTheRequest() throws Exception {
		CallOptions outer = CallOptions.disable();
		Cachet.with(outer).callChecked(() -> {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
			request.addHeader("Cache-Control", "no-cache");
			filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
			assertThat(Cachet.current()).isSameAs(outer);
			return null;
		});
	}

}
