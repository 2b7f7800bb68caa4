package dev.cachet.testsupport;

/**
 * A real Redis server for a test. It can be stopped and started again on the same port, so a
 * test can take Redis away from a running client and give it back.
 */
public interface RedisServer extends TestServer {

	String host();

	int port();

	/** Whether the server is running (it may still be starting). */
	boolean isRunning();

	/** Kills the server; connected clients see their connections drop. */
	@Override
	void stop();

	/** Starts the server again on the same port and waits until it answers. */
	@Override
	void start();

	/**
	 * Freezes the running server (SIGSTOP, or {@code docker pause}): connections stay open and
	 * accept bytes, but nothing answers until {@link #resume()}, like a stalled or partitioned server.
	 */
	void pause();

	/** Lets a {@linkplain #pause() frozen} server run again; what clients sent meanwhile is then processed. */
	void resume();

	/** How the server was provided: {@code docker}, {@code path} or {@code embedded}. */
	String kind();

	/** Stops the server for good and removes its files. */
	@Override
	void close();

}
