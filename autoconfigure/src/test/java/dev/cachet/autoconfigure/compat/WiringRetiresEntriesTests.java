package dev.cachet.autoconfigure.compat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.cachet.autoconfigure.compat.PricingSources.Edit;
import dev.cachet.core.cache.FingerprintJournal;
import dev.cachet.core.cache.MissReason;
import dev.cachet.core.fingerprint.FingerprintChange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a cached method's result is made of beyond its own code retires it too: the bean's instance
 * state, the wiring the running application chose, and the configuration bound into what it
 * reaches. Each test runs a compiled pricing application, stops it, and starts a variant with one
 * change over the same disk folder; anything else, run-time state included, keeps every entry.
 */
class WiringRetiresEntriesTests {

	private static final String PRICES_PRICE = "com.acme.pricing.Prices#price(java.lang.String)";

	@TempDir
	Path temp;

	@ParameterizedTest
	@EnumSource(value = Edit.class, names = { "FIELD_INITIALIZER", "CONSTRUCTOR", "INITIALIZER_BLOCK",
			"PRIMARY_MOVED", "BEAN_ARGUMENT", "LAMBDA_BEAN" })
	void anEditOfWhatThePriceIsMadeOfRetiresIt(Edit edit) throws Exception {
		Path disk = temp.resolve("disk");
		String[] before = new String[1];
		variant(Edit.NONE).run(disk, app -> {
			before[0] = (String) app.call("price", "apple");
			assertThat(app.call("price", "apple")).isEqualTo(before[0]);
			assertThat(app.runs()).containsEntry("price", 1);
		});
		variant(edit).run(disk, app -> {
			Object after = app.call("price", "apple");
			assertThat(app.runs()).as("the price is computed again after %s", edit).containsEntry("price", 1);
			assertThat(app.rejected("prices", MissReason.CODE_CHANGED)).isEqualTo(1);
			assertThat(app.call("price", "apple")).isEqualTo(after);
			assertThat(app.runs()).containsEntry("price", 1);
		});
	}

	@Test
	void configurationBoundIntoWhatThePriceReachesRetiresItAndIsNamed() throws Exception {
		Path disk = temp.resolve("disk");
		variant(Edit.NONE).run(disk, app -> app.call("price", "apple"), "pricing.rate=1.2");
		variant(Edit.NONE).run(disk, app -> {
			app.call("price", "apple");
			app.call("label", "apple");
			assertThat(app.runs()).as("@ConfigurationProperties value read by the constructor")
				.containsEntry("price", 1);
			assertThat(change(app).configuration()).containsExactly("pricing.rate");
			assertThat(change(app).describe()).contains("pricing.rate").doesNotContain("1.3").doesNotContain("1.2");
		}, "pricing.rate=1.3");
		variant(Edit.NONE).run(disk, app -> {
			app.call("price", "apple");
			assertThat(app.runs()).as("@Value on a constructor parameter").containsEntry("price", 1);
			assertThat(change(app).configuration()).containsExactly("pricing.tax");
		}, "pricing.rate=1.3", "pricing.tax=21");
	}

	@Test
	void wiringChangesAreNamedByTheFieldAndTheClassesInvolved() throws Exception {
		Path disk = temp.resolve("disk");
		variant(Edit.NONE).run(disk, app -> app.call("price", "apple"));
		variant(Edit.PRIMARY_MOVED).run(disk, app -> {
			app.call("price", "apple");
			assertThat(change(app).wiring()).anySatisfy(phrase -> assertThat(phrase)
				.startsWith("com.acme.pricing.Prices.rounding: com.acme.pricing.Roundings$HalfUp -> ")
				.endsWith("com.acme.pricing.Roundings$Down"));
		});
	}

	@Test
	void runTimeStateUnrelatedCodeAndUnreadConfigurationKeepEveryEntry() throws Exception {
		Path disk = temp.resolve("disk");
		variant(Edit.NONE).run(disk, app -> {
			app.call("price", "apple");
			app.call("label", "apple");
			assertThat(app.runs()).isEqualTo(Map.of("price", 1, "label", 1));
		}, "pricing.currency=EUR", "other.flag=on");
		// a new start: another start time and random id in the bean; another class and values nobody reads
		variant(Edit.UNRELATED_CLASS).run(disk, app -> {
			app.call("price", "apple");
			app.call("label", "apple");
			assertThat(app.runs()).as("served from disk").isEmpty();
		}, "pricing.currency=USD", "other.flag=off");
	}

	private static FingerprintChange change(VariantApplication.Running app) {
		return app.context().getBean(FingerprintJournal.class).revision(PRICES_PRICE).orElseThrow().change();
	}

	private VariantApplication variant(Edit edit) {
		Path folder = temp.resolve("classes-" + edit + "-" + System.nanoTime());
		return VariantApplication.compile(folder, PricingSources.variant(edit), PricingSources.SHAPE);
	}

}
