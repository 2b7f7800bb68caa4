package dev.cachet.autoconfigure.reliability;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Captures every log event of the JVM at INFO or above while open, as the text a log file would hold. Given
 * to a {@code SpringApplication} as a listener, it attaches again after Spring Boot's logging system has
 * reset Logback for its own configuration.
 */
final class LogCapture implements AutoCloseable, ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private final Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory())
		.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	LogCapture() {
		attach();
	}

	private void attach() {
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	/** Runs after Spring Boot's logging system initialized, which detached and stopped every appender. */
	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		attach();
	}

	/** Each event at INFO or above: logger, level, message, and every message of its exception chain. */
	List<String> infoAndAbove() {
		List<String> lines = new ArrayList<>();
		for (ILoggingEvent event : List.copyOf(this.appender.list)) {
			if (!event.getLevel().isGreaterOrEqual(Level.INFO)) {
				continue;
			}
			StringBuilder line = new StringBuilder(event.getLoggerName() + " " + event.getLevel() + " "
					+ event.getFormattedMessage());
			for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
				line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
			}
			lines.add(line.toString());
		}
		return lines;
	}

	@Override
	public void close() {
		this.root.detachAppender(this.appender);
		this.appender.stop();
	}

}
