package dev.cachet.backend.disk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal that processes sharing a folder tail: every record reaches every other reader in
 * order across rotations, and a reader that slept through history is told so.
 */
class FolderJournalTests {

	private static final String CACHE_FOLDER = "0123456789abcdef0123456789abcdef";

	@TempDir
	Path folder;

	@Test
	void everyRecordReachesTheOtherReaderInOrderAcrossRotations() throws Exception {
		EntryFiles files = new EntryFiles(this.folder.getFileSystem());
		try (FolderJournal writer = new FolderJournal(this.folder, files, 300);
				FolderJournal reader = new FolderJournal(this.folder, files, 300)) {
			List<String> read = new ArrayList<>();
			List<String> written = new ArrayList<>();
			List<JournalRecord> own = new ArrayList<>();
			for (int i = 0; i < 60; i++) {
				String fileName = "stem-%03d.1.2.entry".formatted(i);
				writer.append(new JournalRecord.Published(CACHE_FOLDER, fileName));
				written.add(fileName);
				if (i % 3 == 0) {
					assertThat(reader.poll((record) -> read.add(((JournalRecord.Published) record).fileName())))
						.isTrue();
					assertThat(writer.poll(own::add)).isTrue();
				}
			}
			assertThat(reader.poll((record) -> read.add(((JournalRecord.Published) record).fileName()))).isTrue();

			assertThat(read).containsExactlyElementsOf(written);
			assertThat(own).as("a process does not hear itself").isEmpty();
		}
	}

	@Test
	void aReaderThatSleptThroughTwoRotationsKnowsHistoryIsGone() throws Exception {
		EntryFiles files = new EntryFiles(this.folder.getFileSystem());
		try (FolderJournal writer = new FolderJournal(this.folder, files, 300);
				FolderJournal reader = new FolderJournal(this.folder, files, 300)) {
			for (int i = 0; i < 40; i++) {
				writer.append(new JournalRecord.Published(CACHE_FOLDER, "stem-%03d.1.2.entry".formatted(i)));
			}

			assertThat(reader.poll((record) -> { })).isFalse();
			writer.append(new JournalRecord.Cleared(CACHE_FOLDER));
			List<JournalRecord> after = new ArrayList<>();
			assertThat(reader.poll(after::add)).isTrue();
			assertThat(after).containsExactly(new JournalRecord.Cleared(CACHE_FOLDER));
		}
	}

	@Test
	void foreignAndTornLinesAreSkipped() {
		assertThat(JournalRecord.parse("P ../../etc passwd")).isNull();
		assertThat(JournalRecord.parse("E zz key")).isNull();
		assertThat(JournalRecord.parse("E 6162 ../key")).isNull();
		assertThat(JournalRecord.parse("P " + CACHE_FOLDER)).isNull();
		assertThat(JournalRecord.parse("E 6162 key-1")).isEqualTo(new JournalRecord.KeyEvicted("ab", "key-1"));
	}

}
