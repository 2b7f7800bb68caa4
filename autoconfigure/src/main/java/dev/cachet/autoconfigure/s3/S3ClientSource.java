package dev.cachet.autoconfigure.s3;

import java.net.URI;

import dev.cachet.autoconfigure.CachetConfigurationException;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@link S3Client} of the S3 tier: the application's own, or one built from
 * {@code cachet.s3.*} that this source owns and closes. The application's client is never closed
 * here, and Cachet's is no bean, so it never stands in for the application's.
 */
final class S3ClientSource implements AutoCloseable {

	private final S3Client client;

	private final boolean owned;

	private S3ClientSource(S3Client client, boolean owned) {
		this.client = client;
		this.owned = owned;
	}

	static S3ClientSource of(S3Client applicationClient) {
		return new S3ClientSource(applicationClient, false);
	}

	/** @param credentials the application's credentials provider, or {@code null} for the SDK's default chain */
	static S3ClientSource build(CachetS3Properties properties, AwsCredentialsProvider credentials) {
		// an empty placeholder (${CACHET_S3_ENDPOINT:}) binds to an empty URI: no endpoint override
		URI endpoint = (properties.getEndpoint() != null && !properties.getEndpoint().toString().isBlank())
				? properties.getEndpoint() : null;
		if (endpoint != null && !isHttpUrl(endpoint)) {
			throw new CachetConfigurationException("cachet.s3.endpoint",
					"must be an http or https URL with a host, was '" + endpoint + "'",
					"write the scheme too, such as http://localhost:9000 or https://s3.eu-west-1.amazonaws.com");
		}
		var builder = S3Client.builder()
			.region(region(properties.getRegion(), endpoint))
			.forcePathStyle(properties.isPathStyle())
			.credentialsProvider((credentials != null) ? credentials : DefaultCredentialsProvider.builder().build());
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		return new S3ClientSource(builder.build(), true);
	}

	/** A scheme-less {@code localhost:9000} parses as a URI with the scheme {@code localhost}. */
	private static boolean isHttpUrl(URI endpoint) {
		return ("http".equalsIgnoreCase(endpoint.getScheme()) || "https".equalsIgnoreCase(endpoint.getScheme()))
				&& endpoint.getHost() != null;
	}

	S3Client client() {
		return this.client;
	}

	private static Region region(String configured, URI endpoint) {
		if (configured != null && !configured.isBlank()) {
			return Region.of(configured);
		}
		try {
			return new DefaultAwsRegionProviderChain().getRegion();
		}
		catch (SdkClientException ex) {
			if (endpoint != null) {
				// S3-compatible stores accept any region in signatures
				return Region.US_EAST_1;
			}
			throw new CachetConfigurationException("cachet.s3.region", "no AWS region is configured",
					"set cachet.s3.region (or AWS_REGION) to the bucket's region", ex);
		}
	}

	@Override
	public void close() {
		if (this.owned) {
			this.client.close();
		}
	}

}
