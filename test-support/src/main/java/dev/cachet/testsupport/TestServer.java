package dev.cachet.testsupport;

/** A real server a test can take away and give back: stop it, then start it again on the same port. */
public interface TestServer extends AutoCloseable {

	/** Starts the server (again) and waits until it answers; does nothing if it is running. */
	void start();

	/** Stops the server; connected clients see their connections fail. */
	void stop();

	/** Stops the server for good. */
	@Override
	void close();

}
