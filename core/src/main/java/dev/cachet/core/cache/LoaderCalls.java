package dev.cachet.core.cache;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.springframework.cache.Cache.ValueRetrievalException;

/** Runs a value loader, or waits for a computation, reporting failures as Spring's contract asks. */
final class LoaderCalls {

	private LoaderCalls() {
	}

	/** The loader's value; what it throws comes wrapped in a {@link ValueRetrievalException}. */
	static <T> T call(Object key, Callable<T> valueLoader) {
		try {
			return valueLoader.call();
		}
		catch (Exception ex) {
			throw new ValueRetrievalException(key, valueLoader, ex);
		}
	}

	/** The computation's value; its failure, or an interrupt, comes as a {@link ValueRetrievalException}. */
	static <T> T await(Object key, Callable<?> valueLoader, CompletableFuture<T> result) {
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ValueRetrievalException(key, valueLoader, ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof ValueRetrievalException vre) ? vre : new ValueRetrievalException(key, valueLoader, cause);
		}
	}

}
