package dev.cachet.testsupport;

import java.time.Duration;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Redis in a Docker container through Testcontainers. The host port is fixed at creation, so
 * stopping and starting the container keeps it.
 */
final class ContainerRedisServer implements RedisServer {

	private static final DockerImageName IMAGE = DockerImageName.parse("redis:7.2-alpine");

	private final int port;

	private final GenericContainer<?> container;

	private boolean running;

	ContainerRedisServer(int port) {
		this.port = port;
		this.container = new GenericContainer<>(IMAGE).withExposedPorts(6379)
			.withCommand("redis-server", "--save", "", "--appendonly", "no")
			.withCreateContainerCmdModifier((cmd) -> {
				HostConfig hostConfig = (cmd.getHostConfig() != null) ? cmd.getHostConfig() : new HostConfig();
				cmd.withHostConfig(hostConfig
					.withPortBindings(new PortBinding(Ports.Binding.bindPort(port), new ExposedPort(6379))));
			});
	}

	@Override
	public String host() {
		return this.container.getHost();
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String kind() {
		return "docker";
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		if (this.container.getContainerId() == null) {
			this.container.start();
		}
		else {
			this.container.getDockerClient().startContainerCmd(this.container.getContainerId()).exec();
		}
		RedisPing.awaitAnswer(host(), this.port, Duration.ofSeconds(30));
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		if (this.running) {
			this.container.getDockerClient().killContainerCmd(this.container.getContainerId()).exec();
			this.running = false;
		}
	}

	@Override
	public synchronized void pause() {
		this.container.getDockerClient().pauseContainerCmd(this.container.getContainerId()).exec();
	}

	@Override
	public synchronized void resume() {
		this.container.getDockerClient().unpauseContainerCmd(this.container.getContainerId()).exec();
	}

	@Override
	public synchronized void close() {
		this.container.stop();
		this.running = false;
	}

}
