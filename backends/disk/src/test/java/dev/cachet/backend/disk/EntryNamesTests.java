package dev.cachet.backend.disk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntryNamesTests {

	@Test
	void lowerCaseKeysAreTheirOwnStem() {
		assertThat(EntryNames.stem("0123456789abcdef0123456789abcdef")).isEqualTo("0123456789abcdef0123456789abcdef");
		assertThat(EntryNames.shard("0123456789abcdef")).isEqualTo("01");
	}

	@Test
	void upperCaseAndShortKeysAreHashed() {
		String mixed = EntryNames.stem("AbCdEf0123456789");
		assertThat(mixed).matches("~[0-9a-f]{32}");
		assertThat(mixed).isNotEqualTo(EntryNames.stem("ABCDEF0123456789"));
		assertThat(EntryNames.stem("con")).matches("~[0-9a-f]{32}");
		assertThat(EntryNames.shard(mixed)).isEqualTo(mixed.substring(1, 3));
	}

	@Test
	void cacheFoldersAreHashesOfTheName() {
		assertThat(EntryNames.cacheFolder("../../etc")).matches("[0-9a-f]{32}");
		assertThat(EntryNames.cacheFolder("a")).isNotEqualTo(EntryNames.cacheFolder("b"));
		assertThat(EntryNames.isCacheFolder(EntryNames.cacheFolder("a"))).isTrue();
	}

	@Test
	void entryFileNamesRoundTrip() {
		String stem = EntryNames.stem("Key_With-Upper");
		EntryNames.EntryName parsed = EntryNames.parseEntryFile(EntryNames.entryFile(stem, 1793_000_000_000L, 321));
		assertThat(parsed).isEqualTo(new EntryNames.EntryName(stem, 1793_000_000_000L, 321));
		assertThat(EntryNames.parseEntryFile(EntryNames.entryFile(stem, Long.MAX_VALUE, Integer.MAX_VALUE)))
			.isEqualTo(new EntryNames.EntryName(stem, Long.MAX_VALUE, Integer.MAX_VALUE));
	}

	@Test
	void foreignNamesAreNotEntries() {
		assertThat(EntryNames.parseEntryFile("notes.txt")).isNull();
		assertThat(EntryNames.parseEntryFile("abcdef.123.45.entry.bak")).isNull();
		assertThat(EntryNames.parseEntryFile("abcdef.123.entry")).isNull();
		assertThat(EntryNames.parseEntryFile("ABCDEF.123.45.entry")).isNull();
		assertThat(EntryNames.parseEntryFile("abcdef.99999999999999999999.45.entry")).isNull();
		assertThat(EntryNames.parseEntryFile("abcdef.9999999999999999999.45.entry")).isNull();
		assertThat(EntryNames.parseEntryFile("abcdef.123.99999999999999999999.entry")).isNull();
		assertThat(EntryNames.isTempFile(EntryNames.tempFile(-1L))).isTrue();
		assertThat(EntryNames.isTempFile(".cachet-notes.txt")).isFalse();
	}

}
