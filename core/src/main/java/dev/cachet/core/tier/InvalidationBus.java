package dev.cachet.core.tier;

/**
 * Tells other application instances to drop entries from their node-local tiers (memory, disk)
 * after an evict or clear here. Implementations must never throw to the caller.
 */
public interface InvalidationBus {

	/** Announces that a key was evicted. */
	void publishEvict(String cache, String key);

	/** Announces that a cache was cleared. */
	void publishClear(String cache);

	/** Registers the receiver of other instances' announcements (this instance's own are not delivered). */
	void subscribe(Listener listener);

	/** Receives announcements. */
	interface Listener {

		void evicted(String cache, String key);

		void cleared(String cache);

		/**
		 * The bus lost messages it cannot deliver any more (a bus that keeps a history delivers what an
		 * instance missed during a disconnect through {@link #evicted} and {@link #cleared} instead):
		 * the instance cannot know what it missed and must not serve node-local entries that may have
		 * been evicted elsewhere.
		 */
		void messagesLost();

	}

}
