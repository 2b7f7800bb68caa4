package dev.cachet.autoconfigure.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.cachet.core.policy.Cachet;
import dev.cachet.core.policy.CallOptions;

/**
 * Applies a request's {@code Cache-Control: max-age=N} or {@code no-cache} to the Cachet-cached
 * calls made while serving it, as if the handler had wrapped them in {@link Cachet#with}. Calls the
 * handler hands to other threads do not see the options.
 */
class CacheControlFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<CallOptions> options = CacheControlDirectives.parse(request.getHeaders("Cache-Control"));
		if (options.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		try {
			Cachet.with(options.get()).callChecked(() -> {
				chain.doFilter(request, response);
				return null;
			});
		}
		catch (ServletException | IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new ServletException(ex);
		}
	}

}
