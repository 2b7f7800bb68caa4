package dev.cachet.backend.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InvalidationMessageTests {

	@Test
	void announcementsCarryTheirPlaceInTheHistoryInTheSenderField() {
		InvalidationMessage.Notice notice = InvalidationMessage.Notice
			.parse(RedisKeys.bytes("E\nsender-1 1700000000000-3 1700000000001-0\nkey\ncache\nwith line"));
		assertThat(notice.message()).isEqualTo(InvalidationMessage.evict("sender-1", "cache\nwith line", "key"));
		assertThat(notice.previous()).isEqualTo(new StreamId(1700000000000L, 3));
		assertThat(notice.id()).isEqualTo(new StreamId(1700000000001L, 0));
	}

	@Test
	void announcementsWithoutAPlaceAreStillMessages() {
		InvalidationMessage.Notice notice = InvalidationMessage.Notice.parse(RedisKeys.bytes("C\nsender-1\n\nships"));
		assertThat(notice.message()).isEqualTo(InvalidationMessage.clear("sender-1", "ships"));
		assertThat(notice.id()).isNull();
		assertThat(notice.previous()).isNull();
		assertThat(InvalidationMessage.Notice.parse(RedisKeys.bytes("E\nsender-1 x y\nk\nc")).id()).isNull();
	}

	@Test
	void unknownTypesAndShortMessagesAreNotMessages() {
		assertThat(InvalidationMessage.parse(RedisKeys.bytes("X\ns\nk\nc"))).isNull();
		assertThat(InvalidationMessage.parse(RedisKeys.bytes("E\ns\nk"))).isNull();
		assertThat(InvalidationMessage.Notice.parse(RedisKeys.bytes(""))).isNull();
	}

	@Test
	void streamIdsOrderByTimeThenSequence() {
		assertThat(StreamId.parse("5-10")).isGreaterThan(StreamId.parse("5-9")).isLessThan(StreamId.parse("6-0"));
		assertThat(StreamId.parse("1700000000000-3")).hasToString("1700000000000-3");
		assertThatIllegalArgumentException().isThrownBy(() -> StreamId.parse("17"));
		assertThatIllegalArgumentException().isThrownBy(() -> StreamId.parse("a-1"));
	}

}
