package dev.cachet.autoconfigure.actuate;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@code cachet} endpoint over HTTP, answering alike whatever the method: 404 for an unknown
 * cache or an entry no tier holds, for {@code DELETE} as for {@code GET} (Boot would answer 204 to a
 * {@code DELETE} without a result); 400 for a malformed request, with the reason in the body
 * (Boot's error page leaves it out by default).
 */
@EndpointWebExtension(endpoint = CachetEndpoint.class)
public class CachetEndpointWebExtension {

	private final CachetEndpoint endpoint;

	CachetEndpointWebExtension(CachetEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/** {@code GET /actuator/cachet/{cache}/entries}: see {@link CachetEndpoint#entries}. */
	@ReadOperation
	public WebEndpointResponse<Object> entries(@Selector String cache, @Selector String view,
			@Nullable Integer page, @Nullable Integer size) {
		return answer(() -> endpoint.entries(cache, view, page, size));
	}

	/** {@code DELETE /actuator/cachet/{cache}}: see {@link CachetEndpoint#clear}. */
	@DeleteOperation
	public WebEndpointResponse<Object> clear(@Selector String cache) {
		return answer(() -> endpoint.clear(cache));
	}

	/** {@code DELETE /actuator/cachet/{cache}/{key}}: see {@link CachetEndpoint#evict}. */
	@DeleteOperation
	public WebEndpointResponse<Object> evict(@Selector String cache, @Selector String key) {
		return answer(() -> endpoint.evict(cache, key));
	}

	private static WebEndpointResponse<Object> answer(Supplier<@Nullable Object> operation) {
		try {
			Object result = operation.get();
			return (result != null) ? new WebEndpointResponse<>(result)
					: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		catch (InvalidEndpointRequestException ex) {
			return new WebEndpointResponse<>(new Refusal(ex.getReason(), ex.getMessage()),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
	}

	/**
	 * Why a request was refused.
	 *
	 * @param error   the reason in short, such as {@code Invalid key id}
	 * @param message what a valid request looks like
	 */
	public record Refusal(String error, String message) {
	}

}
