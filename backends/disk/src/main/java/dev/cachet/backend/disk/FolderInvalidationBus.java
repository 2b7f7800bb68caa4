package dev.cachet.backend.disk;

import java.io.IOException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cachet.core.tier.InvalidationBus;

/**
 * Evictions announced to the other processes sharing a disk tier folder, through its
 * {@link FolderJournal}: an application and its tests, or two instances on one host, drop from
 * their memory tiers what one of them evicted, also without Redis.
 */
final class FolderInvalidationBus implements InvalidationBus {

	private static final Logger logger = LoggerFactory.getLogger(FolderInvalidationBus.class);

	private final FolderJournal journal;

	private volatile @Nullable Listener listener;

	FolderInvalidationBus(FolderJournal journal) {
		this.journal = journal;
	}

	@Override
	public void publishEvict(String cache, String key) {
		if (EntryNames.isKeyId(key)) { // any other key is never stored in the folder, nor announced through it
			publish(new JournalRecord.KeyEvicted(cache, key));
		}
	}

	@Override
	public void publishClear(String cache) {
		publish(new JournalRecord.CacheCleared(cache));
	}

	private void publish(JournalRecord record) {
		try {
			this.journal.append(record);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Cachet could not tell the other processes on its disk folder of an eviction ({})",
					ex.toString());
		}
	}

	@Override
	public void subscribe(Listener listener) {
		this.listener = listener;
	}

	/** Delivers another process's announcement. */
	void received(JournalRecord record) {
		Listener current = this.listener;
		if (current == null) {
			return;
		}
		if (record instanceof JournalRecord.KeyEvicted evicted) {
			current.evicted(evicted.cache(), evicted.key());
		}
		else if (record instanceof JournalRecord.CacheCleared cleared) {
			current.cleared(cleared.cache());
		}
	}

	/** The journal lost records: what this process holds may have been evicted elsewhere. */
	void lost() {
		Listener current = this.listener;
		if (current != null) {
			current.messagesLost();
		}
	}

}
