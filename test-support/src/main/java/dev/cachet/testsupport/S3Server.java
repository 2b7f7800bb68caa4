package dev.cachet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A real S3 API for tests: s3proxy in this JVM on a free loopback port, storing objects in memory
 * or in a folder. It can be stopped and started again on the same port with its objects kept, so a
 * test can take S3 away from a running client and give it back.
 *
 * <p>s3proxy checks AWS V4 signatures: clients need {@link #accessKey()}, {@link #secretKey()}, any
 * region and path-style addressing, as {@link #newClient()} sets up.
 */
public final class S3Server implements TestServer {

	private static final String ACCESS_KEY = "cachet-test-access";

	private static final String SECRET_KEY = "cachet-test-secret";

	private final BlobStore blobStore;

	private final String kind;

	private final int port;

	private S3Proxy proxy;

	private S3Server(BlobStore blobStore, String kind) {
		this.blobStore = blobStore;
		this.kind = kind;
		this.port = freePort();
		start();
	}

	/** Starts a server whose objects live in memory. */
	public static S3Server inMemory() {
		return new S3Server(new TransientNio2BlobStore(), "memory");
	}

	/** Starts a server whose buckets are sub-folders of {@code folder}, which must exist. */
	public static S3Server inFolder(Path folder) {
		return new S3Server(new FilesystemNio2BlobStore(folder.toString()), "folder");
	}

	/** The endpoint to give clients, {@code http://127.0.0.1:<port>}. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	public int port() {
		return this.port;
	}

	public String accessKey() {
		return ACCESS_KEY;
	}

	public String secretKey() {
		return SECRET_KEY;
	}

	/** Where objects live: {@code memory} or {@code folder}. */
	public String kind() {
		return this.kind;
	}

	/** Creates a bucket directly in the store, unless it exists, whether or not the server is running. */
	public void createBucket(String bucket) {
		if (!this.blobStore.containerExists(bucket)) {
			this.blobStore.createContainer(bucket);
		}
	}

	public synchronized boolean isRunning() {
		return this.proxy != null;
	}

	/** Starts the server on its port, if it is stopped, and waits until it accepts connections. */
	@Override
	public synchronized void start() {
		if (this.proxy != null) {
			return;
		}
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(this.blobStore)
			.endpoint(endpoint())
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
			.metricsEnabled(false)
			.build();
		try {
			proxy.start();
			while (!"STARTED".equals(proxy.getState())) {
				Thread.sleep(5);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("s3proxy did not start on port " + this.port, ex);
		}
		this.proxy = proxy;
	}

	/** Stops the server; its objects are kept for the next {@link #start()}. */
	@Override
	public synchronized void stop() {
		if (this.proxy == null) {
			return;
		}
		try {
			this.proxy.stop();
		}
		catch (Exception ex) {
			throw new IllegalStateException("s3proxy did not stop", ex);
		}
		this.proxy = null;
	}

	/** Whether something accepts connections on the server's port. */
	public boolean answers() {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A client for this server; close it after use. */
	public S3Client newClient() {
		return newClient((builder) -> {
		});
	}

	/** A client for this server, customized (interceptors, timeouts) before it is built; close it after use. */
	public S3Client newClient(Consumer<S3ClientBuilder> customizer) {
		S3ClientBuilder builder = S3Client.builder()
			.endpointOverride(endpoint())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(credentials());
		customizer.accept(builder);
		return builder.build();
	}

	/** The static credentials this server accepts. */
	public StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
	}

	@Override
	public void close() {
		stop();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
