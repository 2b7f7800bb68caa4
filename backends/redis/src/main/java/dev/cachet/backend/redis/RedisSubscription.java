package dev.cachet.backend.redis;

import java.time.Duration;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One pub/sub subscription to one channel on its own connection, set up on a background thread
 * that retries until Redis answers (so no constructor blocks or throws while Redis is down).
 *
 * <p>Lettuce reconnects and resubscribes by itself after a disconnect; Redis then confirms the
 * subscription again. Every confirmation after the first one, and the first one after a failed
 * attempt, means messages may have been published while nobody listened: {@code onSubscribed} is
 * told so.
 */
final class RedisSubscription implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisSubscription.class);

	private static final Duration FIRST_RETRY = Duration.ofMillis(100);

	private static final Duration MAX_RETRY = Duration.ofSeconds(5);

	private final LettuceConnectionFactory connectionFactory;

	private final byte[] channel;

	private final Consumer<byte[]> onMessage;

	private final Subscribed onSubscribed;

	private final Thread subscriber;

	private volatile boolean subscribed;

	private volatile boolean mayHaveLostMessages;

	private volatile boolean closed;

	private RedisConnection connection;

	/** @param onMessagesLost runs on every confirmation after which messages may have been missed */
	RedisSubscription(LettuceConnectionFactory connectionFactory, byte[] channel, Consumer<byte[]> onMessage,
			Runnable onMessagesLost) {
		this(connectionFactory, channel, onMessage, (mayHaveMissed) -> {
			if (mayHaveMissed) {
				onMessagesLost.run();
			}
		});
	}

	/** @param onSubscribed runs on every confirmation of the subscription */
	RedisSubscription(LettuceConnectionFactory connectionFactory, byte[] channel, Consumer<byte[]> onMessage,
			Subscribed onSubscribed) {
		this.connectionFactory = connectionFactory;
		this.channel = channel;
		this.onMessage = onMessage;
		this.onSubscribed = onSubscribed;
		this.subscriber = new Thread(this::subscribeUntilDone, "cachet-redis-subscribe");
		this.subscriber.setDaemon(true);
	}

	void start() {
		this.subscriber.start();
	}

	/** Whether Redis has confirmed the subscription at least once. */
	boolean isSubscribed() {
		return this.subscribed;
	}

	private void subscribeUntilDone() {
		Duration retry = FIRST_RETRY;
		while (!this.closed) {
			try {
				subscribeOnce();
				return;
			}
			catch (RuntimeException ex) {
				this.mayHaveLostMessages = true;
				logger.debug("Redis subscription failed, retrying in {}", retry, ex);
			}
			try {
				Thread.sleep(retry.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
			retry = (retry.compareTo(MAX_RETRY.dividedBy(2)) < 0) ? retry.multipliedBy(2) : MAX_RETRY;
		}
	}

	private void subscribeOnce() {
		RedisConnection candidate = this.connectionFactory.getConnection();
		try {
			candidate.subscribe(new Listener(), this.channel);
		}
		catch (RuntimeException ex) {
			candidate.close();
			throw ex;
		}
		synchronized (this) {
			if (this.closed) {
				candidate.close();
			}
			else {
				this.connection = candidate;
			}
		}
	}

	@Override
	public void close() {
		synchronized (this) {
			this.closed = true;
			if (this.connection != null) {
				this.connection.close();
				this.connection = null;
			}
		}
		this.subscriber.interrupt();
	}

	private final class Listener implements MessageListener, SubscriptionListener {

		@Override
		public void onMessage(Message message, byte[] pattern) {
			RedisSubscription.this.onMessage.accept(message.getBody());
		}

		@Override
		public void onChannelSubscribed(byte[] channel, long count) {
			RedisSubscription.this.onSubscribed
				.subscribed(RedisSubscription.this.subscribed || RedisSubscription.this.mayHaveLostMessages);
			RedisSubscription.this.subscribed = true;
		}

	}

	/** Told about each confirmation of the subscription. */
	@FunctionalInterface
	interface Subscribed {

		/**
		 * @param mayHaveMissed whether messages may have been published while the subscription was not
		 * in place (every confirmation but a first one that needed no retry)
		 */
		void subscribed(boolean mayHaveMissed);

	}

}
