package dev.cachet.autoconfigure.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cachet.core.envelope.Envelope;
import dev.cachet.core.tier.CacheTier;
import dev.cachet.core.tier.TierHealth;

/** A shared tier held in a map, whose health a test sets; it does not list its entries. */
class RemoteTestTier implements CacheTier {

	private final Map<String, Envelope> entries = new ConcurrentHashMap<>();

	private volatile TierHealth health = TierHealth.up();

	void health(TierHealth health) {
		this.health = health;
	}

	@Override
	public String type() {
		return "remote";
	}

	@Override
	public String location() {
		return "remote-host:1234";
	}

	@Override
	public boolean shared() {
		return true;
	}

	@Override
	public Envelope get(String cache, String key) {
		return entries.get(cache + "/" + key);
	}

	@Override
	public void put(String cache, String key, Envelope envelope, Duration storageTtl) {
		entries.put(cache + "/" + key, envelope);
	}

	@Override
	public void evict(String cache, String key) {
		entries.remove(cache + "/" + key);
	}

	@Override
	public void clear(String cache) {
		entries.keySet().removeIf(key -> key.startsWith(cache + "/"));
	}

	@Override
	public TierHealth health() {
		return health;
	}

}
