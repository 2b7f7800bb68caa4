package dev.cachet.backend.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.cachet.testsupport.MutableClock;

import static dev.cachet.backend.disk.TestEnvelopes.envelope;
import static dev.cachet.backend.disk.TestEnvelopes.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

/**
 * The index snapshot written at close: used for the shard folders it still describes, never
 * trusted beyond them. A file deleted behind the tier's back with its shard folder's time put back
 * tells the two apart: a start-up from the snapshot still counts it, a listing does not.
 */
class IndexSnapshotTests {

	private static final String CACHE = "ships";

	private static final String HEX_KEY = "0123456789abcdef0123456789abcdef";

	private static final String NAMED_KEY = "user-00042";

	private static final String OTHER_KEY = "0223456789abcdef0123456789abcdef";

	private static final Duration TTL = Duration.ofHours(1);

	@TempDir
	Path root;

	private final MutableClock clock = new MutableClock(Instant.now());

	@BeforeEach
	void writeThreeEntriesAndCloseOnOldShardFolders() throws Exception {
		try (DiskTier tier = open()) {
			for (String key : List.of(HEX_KEY, NAMED_KEY, OTHER_KEY)) {
				tier.put(CACHE, key, envelope("value of " + key), TTL);
			}
			ageShardFolders(); // else changed too recently to be stamped (see SnapshotFile.RACY_MILLIS)
		}
		assertThat(snapshot()).exists();
	}

	@Test
	void aStartUpLoadsTheShardFoldersTheSnapshotStillDescribes() throws Exception {
		long bytes = entryBytes();
		deleteKeepingTheFolderTime(HEX_KEY);
		deleteKeepingTheFolderTime(NAMED_KEY);

		try (DiskTier tier = open()) {
			assertThat(tier.entryCount()).as("from the snapshot").hasValue(3);
			assertThat(tier.sizeInBytes()).hasValue(bytes);
			// an entry the snapshot wrongly lists is a miss, then forgotten
			assertThat(tier.get(CACHE, HEX_KEY)).isNull();
			assertThat(tier.get(CACHE, NAMED_KEY)).isNull();
			assertThat(payload(tier.get(CACHE, OTHER_KEY))).isEqualTo("value of " + OTHER_KEY);
			assertThat(tier.entryCount()).hasValue(1);
			assertThat(tier.sizeInBytes()).hasValue(Files.size(entryFile(OTHER_KEY)));
		}
	}

	@Test
	void aShardFolderChangedSinceTheSnapshotIsListed() throws Exception {
		deleteKeepingTheFolderTime(HEX_KEY);
		deleteKeepingTheFolderTime(OTHER_KEY);
		Files.setLastModifiedTime(entryFile(NAMED_KEY).getParent(), FileTime.from(Instant.now()));
		Path hexShard = this.root.resolve(EntryNames.cacheFolder(CACHE)).resolve(EntryNames.shard(EntryNames.stem(HEX_KEY)));
		Files.setLastModifiedTime(hexShard, FileTime.from(Instant.now()));

		try (DiskTier tier = open()) {
			assertThat(tier.entryCount()).as("the named entry listed, the other hex one from the snapshot").hasValue(2);
			assertThat(tier.get(CACHE, HEX_KEY)).isNull();
			assertThat(payload(tier.get(CACHE, NAMED_KEY))).isEqualTo("value of " + NAMED_KEY);
		}
	}

	@Test
	void whatAnotherProcessDidAfterTheSnapshotIsSeen() throws Exception {
		try (DiskTier other = open()) {
			other.put(CACHE, "12" + HEX_KEY.substring(2), envelope("written after the snapshot"), TTL);
			other.evict(CACHE, HEX_KEY);
			other.evict(CACHE, NAMED_KEY);
			// still open: no snapshot of its own replaces the one that no longer holds for these shards

			try (DiskTier restarted = open()) {
				assertThat(restarted.entryCount()).hasValue(2);
				assertThat(restarted.get(CACHE, HEX_KEY)).isNull();
				assertThat(payload(restarted.get(CACHE, "12" + HEX_KEY.substring(2))))
					.isEqualTo("written after the snapshot");
				assertThat(restarted.sizeInBytes()).hasValue(entryBytes());
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Damage.class)
	void aDamagedSnapshotIsIgnored(Damage damage) throws Exception {
		damage.apply(snapshot());
		deleteKeepingTheFolderTime(HEX_KEY);

		try (DiskTier tier = open()) {
			assertThat(tier.entryCount()).as("from a listing").hasValue(2);
			assertThat(tier.sizeInBytes()).hasValue(entryBytes());
		}
	}

	@Test
	void aWriterKilledMidWriteLeavesThePreviousSnapshotInUse() throws Exception {
		byte[] previous = Files.readAllBytes(snapshot());
		Path partial = this.root.resolve(EntryNames.tempFile(0x5eedL)); // what a killed writer leaves
		Files.write(partial, Arrays.copyOf(previous, previous.length / 2));
		deleteKeepingTheFolderTime(HEX_KEY);

		try (DiskTier tier = open()) {
			assertThat(tier.entryCount()).as("from the snapshot").hasValue(3);
			assertThat(partial).doesNotExist();
		}
	}

	@Test
	void entriesThatExpiredSinceTheSnapshotAreDeletedAtStartUp() throws Exception {
		this.clock.advance(TTL);

		try (DiskTier tier = open()) {
			assertThat(tier.entryCount()).hasValue(0);
			assertThat(tier.sizeInBytes()).hasValue(0);
		}
		assertThat(entryFiles()).isEmpty();
	}

	@Test
	void aDiskFullWhileWritingTheSnapshotLeavesThePreviousOneAndNoTemporaryFile() throws Exception {
		byte[] previous = Files.readAllBytes(snapshot());
		EntryFiles files = new EntryFiles(this.root.getFileSystem());
		DiskIndex index = new DiskIndex();
		new IndexRebuild(this.root, index, files).run(true, this.clock.millis());
		EntryFiles full = spy(files);
		doAnswer((call) -> files.writeTemp(call.getArgument(0),
				(channel) -> call.<EntryFiles.Writer>getArgument(1).write(new FullDisk(channel, 100))))
			.when(full)
			.writeTemp(any(Path.class), any(EntryFiles.Writer.class));

		assertThat(new SnapshotWriter(this.root, index, full).write()).isFalse();

		assertThat(Files.readAllBytes(snapshot())).isEqualTo(previous);
		try (Stream<Path> children = Files.list(this.root)) {
			assertThat(children.map((child) -> child.getFileName().toString()))
				.noneMatch(EntryNames::isTempFile);
		}
		deleteKeepingTheFolderTime(HEX_KEY);
		try (DiskTier tier = open()) {
			assertThat(tier.entryCount()).as("from the previous snapshot").hasValue(3);
		}
	}

	@Test
	void aSnapshotThatCannotBePublishedLeavesTheTierToCloseAndReopen() throws Exception {
		Files.delete(snapshot());
		Files.createDirectories(snapshot().resolve("in-the-way"));

		open().close(); // the rename fails: logged, not thrown

		try (DiskTier tier = open()) {
			assertThat(tier.entryCount()).hasValue(3);
		}
	}

	private DiskTier open() {
		return new DiskTier(new DiskTierSettings(this.root, Long.MAX_VALUE, Duration.ofHours(1)), this.clock);
	}

	private Path snapshot() {
		return this.root.resolve(SnapshotFile.NAME);
	}

	private void ageShardFolders() throws IOException {
		FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
		try (Stream<Path> shards = Files.list(this.root.resolve(EntryNames.cacheFolder(CACHE)))) {
			for (Path shard : (Iterable<Path>) shards::iterator) {
				Files.setLastModifiedTime(shard, hourAgo);
			}
		}
	}

	/** Deletes a key's file as another process could, and puts its folder's time back. */
	private void deleteKeepingTheFolderTime(String key) throws IOException {
		Path file = entryFile(key);
		FileTime modified = Files.getLastModifiedTime(file.getParent());
		Files.delete(file);
		Files.setLastModifiedTime(file.getParent(), modified);
	}

	private Path entryFile(String key) throws IOException {
		String stem = EntryNames.stem(key);
		return entryFiles().stream()
			.filter((file) -> file.getFileName().toString().startsWith(stem + "."))
			.findFirst()
			.orElseThrow();
	}

	private List<Path> entryFiles() throws IOException {
		try (Stream<Path> files = Files.walk(this.root)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".entry")).toList();
		}
	}

	private long entryBytes() throws IOException {
		long bytes = 0;
		for (Path file : entryFiles()) {
			bytes += Files.size(file);
		}
		return bytes;
	}

	enum Damage {

		FLIPPED_BYTE {
			@Override
			void apply(Path snapshot) throws IOException {
				byte[] bytes = Files.readAllBytes(snapshot);
				bytes[bytes.length / 2] ^= 0x10;
				Files.write(snapshot, bytes);
			}
		},

		FLIPPED_CHECKSUM {
			@Override
			void apply(Path snapshot) throws IOException {
				byte[] bytes = Files.readAllBytes(snapshot);
				bytes[bytes.length - 1] ^= 0x01;
				Files.write(snapshot, bytes);
			}
		},

		TRUNCATED_TO_HALF {
			@Override
			void apply(Path snapshot) throws IOException {
				byte[] bytes = Files.readAllBytes(snapshot);
				Files.write(snapshot, Arrays.copyOf(bytes, bytes.length / 2));
			}
		},

		TRUNCATED {
			@Override
			void apply(Path snapshot) throws IOException {
				byte[] bytes = Files.readAllBytes(snapshot);
				Files.write(snapshot, Arrays.copyOf(bytes, bytes.length - 5));
			}
		},

		EMPTY {
			@Override
			void apply(Path snapshot) throws IOException {
				Files.write(snapshot, new byte[0]);
			}
		},

		OTHER_VERSION_WITH_ITS_CHECKSUM {
			@Override
			void apply(Path snapshot) throws IOException {
				ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(snapshot)).order(ByteOrder.LITTLE_ENDIAN);
				bytes.putInt(Long.BYTES, SnapshotFile.VERSION + 1);
				CRC32C crc = new CRC32C();
				crc.update(bytes.array(), 0, bytes.capacity() - Integer.BYTES);
				bytes.putInt(bytes.capacity() - Integer.BYTES, (int) crc.getValue());
				Files.write(snapshot, bytes.array());
			}
		};

		abstract void apply(Path snapshot) throws IOException;

	}

	/** A channel on a disk that fills up after {@code room} bytes. */
	private static final class FullDisk implements SeekableByteChannel {

		private final SeekableByteChannel channel;

		private long room;

		FullDisk(SeekableByteChannel channel, long room) {
			this.channel = channel;
			this.room = room;
		}

		@Override
		public int write(ByteBuffer source) throws IOException {
			if (source.remaining() > this.room) {
				throw new IOException("No space left on device");
			}
			this.room -= source.remaining();
			return this.channel.write(source);
		}

		@Override
		public int read(ByteBuffer destination) throws IOException {
			return this.channel.read(destination);
		}

		@Override
		public long position() throws IOException {
			return this.channel.position();
		}

		@Override
		public SeekableByteChannel position(long position) throws IOException {
			this.channel.position(position);
			return this;
		}

		@Override
		public long size() throws IOException {
			return this.channel.size();
		}

		@Override
		public SeekableByteChannel truncate(long size) throws IOException {
			this.channel.truncate(size);
			return this;
		}

		@Override
		public boolean isOpen() {
			return this.channel.isOpen();
		}

		@Override
		public void close() throws IOException {
			this.channel.close();
		}

	}

}
