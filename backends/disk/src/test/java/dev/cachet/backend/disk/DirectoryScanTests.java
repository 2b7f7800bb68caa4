package dev.cachet.backend.disk;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryScanTests {

	private static final long NOW = 1_800_000_000_000L;

	private static final long LATER = NOW + 60_000;

	private static final String HEX = "0123456789abcdef0123456789abcdef";

	@TempDir
	Path root;

	@Test
	void indexesTheEntriesOfTheSchemeAndIgnoresEveryOtherName() throws Exception {
		String folder = EntryNames.cacheFolder("ships");
		String hashed = EntryNames.stem("Mixed-Case");
		Path hexShard = Files.createDirectories(this.root.resolve(folder).resolve("01"));
		Path hashedShard = Files.createDirectories(this.root.resolve(folder).resolve(EntryNames.shard(hashed)));
		Path verbatimShard = Files.createDirectories(this.root.resolve(folder).resolve("us"));
		file(hexShard, EntryNames.entryFile(HEX, LATER, 3));
		file(hashedShard, EntryNames.entryFile(hashed, LATER, 4));
		file(verbatimShard, EntryNames.entryFile("user-42", LATER, 5));
		String[] malformed = { "notes.txt", HEX + "." + LATER + ".3.entry.bak", HEX + "." + LATER + ".entry",
				HEX.toUpperCase() + "." + LATER + ".3.entry", HEX + ".0" + LATER + ".3.entry", HEX + "." + LATER + ".03.entry",
				HEX + ".99999999999999999999.3.entry", HEX + ".9999999999999999999.3.entry",
				HEX + "." + LATER + ".99999999999.entry", "~" + HEX.substring(1) + "." + LATER + ".3.entry",
				"abcd." + LATER + ".3.entry", HEX + "." + LATER + "..entry", HEX + ".." + LATER + ".entry",
				".cachet-notes.txt", "12" + HEX.substring(2) + "." + LATER + ".3.entry" };
		for (String name : malformed) {
			file(hexShard, name);
		}
		file(hexShard, EntryNames.tempFile(0xabcL));
		file(this.root, EntryNames.tempFile(0xdefL));
		file(hexShard, EntryNames.entryFile("01" + HEX.substring(2, 31) + "f", NOW, 6)); // expired

		DiskIndex index = new DiskIndex();
		DirectoryScan.Result result = new DirectoryScan(this.root, index, new EntryFiles(this.root.getFileSystem()),
				NOW).run();

		assertThat(result.entries()).isEqualTo(3);
		assertThat(result.tempFilesDeleted()).isEqualTo(2);
		assertThat(result.expiredDeleted()).isEqualTo(1);
		assertThat(index.get(folder, HEX)).extracting(IndexedEntry::size, IndexedEntry::expiresAtMillis)
			.containsExactly(3L, LATER);
		assertThat(index.get(folder, hashed)).extracting(IndexedEntry::size).isEqualTo(4L);
		assertThat(index.get(folder, "user-42")).extracting(IndexedEntry::size).isEqualTo(5L);
		assertThat(index.totalBytes()).isEqualTo(12);
		for (String name : malformed) {
			assertThat(hexShard.resolve(name)).as("foreign files are left alone").exists();
		}
		assertThat(hexShard.resolve(EntryNames.tempFile(0xabcL))).doesNotExist();
	}

	@Test
	void aRescanKeepsTheFilesItIndexedBefore() throws Exception {
		// a rescan after lost journal history finds again the files of the entries found at start-up
		String folder = EntryNames.cacheFolder("ships");
		Path shard = Files.createDirectories(this.root.resolve(folder).resolve("01"));
		file(shard, EntryNames.entryFile(HEX, LATER, 3));
		DiskIndex index = new DiskIndex();
		EntryFiles files = new EntryFiles(this.root.getFileSystem());
		new DirectoryScan(this.root, index, files, NOW).run();

		DirectoryScan.Result again = new DirectoryScan(this.root, index, files, NOW).run();

		assertThat(again.duplicatesDeleted()).isZero();
		assertThat(shard.resolve(EntryNames.entryFile(HEX, LATER, 3))).exists();
		assertThat(index.totalBytes()).isEqualTo(3);
	}

	@Test
	void ofTwoFilesOfOneKeyTheOneExpiringLastWins() throws Exception {
		String folder = EntryNames.cacheFolder("ships");
		Path shard = Files.createDirectories(this.root.resolve(folder).resolve("01"));
		file(shard, EntryNames.entryFile(HEX, LATER, 3));
		file(shard, EntryNames.entryFile(HEX, LATER + 1, 7));

		DiskIndex index = new DiskIndex();
		DirectoryScan.Result result = new DirectoryScan(this.root, index, new EntryFiles(this.root.getFileSystem()),
				NOW).run();

		assertThat(result.duplicatesDeleted()).isEqualTo(1);
		assertThat(index.get(folder, HEX)).extracting(IndexedEntry::size).isEqualTo(7L);
		assertThat(index.totalBytes()).isEqualTo(7);
		assertThat(shard.resolve(EntryNames.entryFile(HEX, LATER, 3))).doesNotExist();
		assertThat(shard.resolve(EntryNames.entryFile(HEX, LATER + 1, 7))).exists();
	}

	private static void file(Path folder, String name) throws Exception {
		Files.write(folder.resolve(name), new byte[] { 1 });
	}

}
