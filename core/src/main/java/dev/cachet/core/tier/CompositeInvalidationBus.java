package dev.cachet.core.tier;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Several {@link InvalidationBus}es as one: an announcement goes out on each, and each delivers
 * what it hears to the same listener (Redis for the instances sharing it, a disk folder's journal
 * for the processes sharing that folder). An instance that hears one eviction twice applies it
 * twice, which changes nothing.
 */
public final class CompositeInvalidationBus implements InvalidationBus {

	private final List<InvalidationBus> buses;

	private CompositeInvalidationBus(List<InvalidationBus> buses) {
		this.buses = List.copyOf(buses);
	}

	/** The buses as one: {@code null} for none, the bus itself for one. */
	public static @Nullable InvalidationBus of(List<InvalidationBus> buses) {
		return switch (buses.size()) {
			case 0 -> null;
			case 1 -> buses.get(0);
			default -> new CompositeInvalidationBus(buses);
		};
	}

	@Override
	public void publishEvict(String cache, String key) {
		this.buses.forEach((bus) -> bus.publishEvict(cache, key));
	}

	@Override
	public void publishClear(String cache) {
		this.buses.forEach((bus) -> bus.publishClear(cache));
	}

	@Override
	public void subscribe(Listener listener) {
		this.buses.forEach((bus) -> bus.subscribe(listener));
	}

}
