package dev.cachet.testsupport;

/**
 * Gives a test class one in-memory {@link S3Server}, injected as a parameter into constructors,
 * lifecycle and test methods. The server is started again before each test if an earlier test
 * stopped it, and stopped after the class.
 *
 * <pre>
 * &#64;ExtendWith(S3ServerExtension.class)
 * class MyTests {
 *     &#64;Test
 *     void works(S3Server s3) { try (S3Client client = s3.newClient()) { ... } }
 * }
 * </pre>
 */
public class S3ServerExtension extends ServerPerTestClass<S3Server> {

	public S3ServerExtension() {
		super(S3Server.class, S3Server::inMemory);
	}

}
