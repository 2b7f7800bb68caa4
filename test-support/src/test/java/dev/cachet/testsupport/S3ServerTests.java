package dev.cachet.testsupport;

import java.nio.file.Path;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(S3ServerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3ServerTests {

	@Test
	void roundTripsAnObject(S3Server s3) {
		try (S3Client client = s3.newClient()) {
			client.createBucket((bucket) -> bucket.bucket("round-trip"));
			client.putObject((put) -> put.bucket("round-trip").key("a/b"), RequestBody.fromString("hello"));
			assertThat(client.getObjectAsBytes((get) -> get.bucket("round-trip").key("a/b")).asUtf8String())
				.isEqualTo("hello");
		}
	}

	@Test
	void restartsOnTheSamePortKeepingObjects(S3Server s3) {
		try (S3Client client = s3.newClient()) {
			client.createBucket((bucket) -> bucket.bucket("restart"));
			client.putObject((put) -> put.bucket("restart").key("k"), RequestBody.fromString("kept"));
			int port = s3.port();
			s3.stop();
			assertThat(s3.answers()).isFalse();
			s3.start();
			assertThat(s3.port()).isEqualTo(port);
			assertThat(client.getObjectAsBytes((get) -> get.bucket("restart").key("k")).asUtf8String())
				.isEqualTo("kept");
		}
	}

	@Test
	void honoursIfNoneMatchAndIfMatchOnPut(S3Server s3) {
		try (S3Client client = s3.newClient()) {
			client.createBucket((bucket) -> bucket.bucket("conditional"));
			String eTag = client
				.putObject((put) -> put.bucket("conditional").key("k").ifNoneMatch("*"), RequestBody.fromString("first"))
				.eTag();
			assertThatExceptionOfType(S3Exception.class)
				.isThrownBy(() -> client.putObject((put) -> put.bucket("conditional").key("k").ifNoneMatch("*"),
						RequestBody.fromString("second")))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(412));
			assertThatExceptionOfType(S3Exception.class)
				.isThrownBy(() -> client.putObject((put) -> put.bucket("conditional").key("k").ifMatch("\"other\""),
						RequestBody.fromString("third")))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(412));
			client.putObject((put) -> put.bucket("conditional").key("k").ifMatch(eTag), RequestBody.fromString("fourth"));
			assertThat(client.getObjectAsBytes((get) -> get.bucket("conditional").key("k")).asUtf8String())
				.isEqualTo("fourth");
		}
	}

	@Test
	void folderBackedServerKeepsObjectsAcrossRestarts(@TempDir Path folder) {
		try (S3Server s3 = S3Server.inFolder(folder); S3Client client = s3.newClient()) {
			assertThat(s3.kind()).isEqualTo("folder");
			s3.createBucket("on-disk");
			client.putObject((put) -> put.bucket("on-disk").key("k"), RequestBody.fromString("on disk"));
			s3.stop();
			s3.start();
			assertThat(client.getObjectAsBytes((get) -> get.bucket("on-disk").key("k")).asUtf8String())
				.isEqualTo("on disk");
			assertThat(folder.resolve("on-disk")).isDirectory();
		}
	}

	@Test
	@Order(1)
	void oneTestStopsTheServer(S3Server s3) {
		s3.stop();
		assertThat(s3.isRunning()).isFalse();
		assertThat(s3.answers()).isFalse();
	}

	@Test
	@Order(2)
	void theNextTestFindsItRunningAgain(S3Server s3) {
		assertThat(s3.isRunning()).isTrue();
		assertThat(s3.answers()).isTrue();
	}

}
