package dev.cachet.core.codec;

import java.util.List;
import java.util.Set;

import org.apache.fory.Fory;
import org.apache.fory.config.Language;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForyPreparationTests {

	record Row(long id, String name) {
	}

	record Report(long count, List<Row> rows, List<String> notes) {
	}

	/** A record that holds a list of its own type. */
	record Tree(int size, List<Tree> children) {
	}

	private static ForyPreparation preparing(Class<?>... types) {
		Fory fory = Fory.builder().withLanguage(Language.JAVA).requireClassRegistration(false).build();
		return new ForyPreparation(fory, fory, Set.of(types));
	}

	@Test
	void aListOfRecordsBeingPreparedHoldsOneSampleElement() {
		Object sample = preparing(Report.class, Row.class).sample(Report.class);
		assertThat(sample).isEqualTo(new Report(0, List.of(new Row(0, null)), null));
	}

	@Test
	void aListOfRecordsNotBeingPreparedStaysNull() {
		assertThat(preparing(Report.class).sample(Report.class)).isEqualTo(new Report(0, null, null));
	}

	@Test
	void recursiveRecordsAreSampledToABoundedDepth() {
		Object sample = preparing(Tree.class).sample(Tree.class);
		int depth = 0;
		for (Tree tree = (Tree) sample; tree != null && tree.children() != null; tree = tree.children().get(0)) {
			depth++;
		}
		assertThat(depth).isBetween(1, 5);
	}

	@Test
	void thePreparedCodecReadsSuchAReportBack() throws Exception {
		ForyValueCodec codec = new ForyValueCodec(ClassAllowlist.of(List.of("dev.cachet.core.codec")));
		codec.prepare(List.of(Report.class, Row.class, Tree.class));
		Report report = new Report(2, List.of(new Row(1, "a"), new Row(2, "b")), List.of("n"));
		byte[] bytes = codec.encode(report);
		assertThat(codec.decode(bytes, 0, bytes.length)).isEqualTo(report);
	}

}
