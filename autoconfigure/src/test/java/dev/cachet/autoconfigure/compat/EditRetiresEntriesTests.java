package dev.cachet.autoconfigure.compat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.SimpleKeyGenerator;

import dev.cachet.autoconfigure.compat.CatalogSources.Edit;
import dev.cachet.autoconfigure.compat.CatalogSources.KeyKind;
import dev.cachet.core.cache.MissReason;
import dev.cachet.core.key.CachetKeyGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Editing a method retires its entries, whatever makes its keys: an application is compiled, run and
 * stopped, then compiled again with one method body changed and started over the same disk folder.
 * The edited method recomputes, its untouched sibling is served, and a {@code @CachePut} result stays
 * served for as long as the code of the method that wrote it is unchanged.
 */
class EditRetiresEntriesTests {

	@TempDir
	Path temp;

	@ParameterizedTest
	@EnumSource(KeyKind.class)
	void editedMethodRecomputesAndItsSiblingIsServed(KeyKind kind) throws Exception {
		Path disk = temp.resolve("disk");
		variant(kind, Edit.NONE).run(disk, app -> {
			assertThat(app.call("edited", "e1")).isEqualTo("edited v1 e1");
			assertThat(app.call("kept", "k1")).isEqualTo("kept k1");
			assertThat(app.call("edited", "e1")).isEqualTo("edited v1 e1");
			assertThat(app.call("kept", "k1")).isEqualTo("kept k1");
			assertThat(app.runs()).isEqualTo(Map.of("edited", 1, "kept", 1));
		});
		variant(kind, Edit.EDITED).run(disk, app -> {
			assertKeyKind(app, kind);
			assertThat(app.call("kept", "k1")).as("untouched method, served from disk").isEqualTo("kept k1");
			assertThat(app.call("edited", "e1")).as("edited method").isEqualTo("edited v2 e1");
			assertThat(app.call("edited", "e1")).as("its new result is served").isEqualTo("edited v2 e1");
			assertThat(app.runs()).isEqualTo(Map.of("edited", 1));
			assertThat(app.rejected("catalog", MissReason.CODE_CHANGED)).isEqualTo(1);
		});
	}

	@Test
	void sameCodeRecompiledIsServedForEveryMethod() throws Exception {
		Path disk = temp.resolve("disk");
		variant(KeyKind.DEFAULT_KEY, Edit.NONE).run(disk, app -> {
			app.call("edited", "e1");
			app.call("save", "p1", "Ada");
		});
		variant(KeyKind.DEFAULT_KEY, Edit.NONE).run(disk, app -> {
			assertThat(app.call("edited", "e1")).isEqualTo("edited v1 e1");
			assertThat(app.call("read", "p1")).isEqualTo("saved v1 Ada");
			assertThat(app.runs()).isEmpty();
		});
	}

	@Test
	void putResultIsStillServedAfterAnEditOfItsReader() throws Exception {
		Path disk = temp.resolve("disk");
		variant(KeyKind.DEFAULT_KEY, Edit.NONE).run(disk, app -> {
			assertThat(app.call("save", "p1", "Ada")).isEqualTo("saved v1 Ada");
			assertThat(app.call("read", "p1")).isEqualTo("saved v1 Ada");
			assertThat(app.runs()).isEqualTo(Map.of("save", 1));
		});
		variant(KeyKind.DEFAULT_KEY, Edit.READER).run(disk, app -> {
			assertThat(app.call("read", "p1")).as("written by the unchanged @CachePut method").isEqualTo("saved v1 Ada");
			assertThat(app.runs()).isEmpty();
		});
	}

	@Test
	void putResultIsRetiredByAnEditOfTheMethodThatWroteIt() throws Exception {
		Path disk = temp.resolve("disk");
		variant(KeyKind.DEFAULT_KEY, Edit.NONE).run(disk, app -> app.call("save", "p1", "Ada"));
		variant(KeyKind.DEFAULT_KEY, Edit.WRITER).run(disk, app -> {
			assertThat(app.call("read", "p1")).as("the writer changed: the reader computes").isEqualTo("read v1 p1");
			assertThat(app.call("read", "p1")).isEqualTo("read v1 p1");
			assertThat(app.runs()).isEqualTo(Map.of("read", 1));
			assertThat(app.rejected("accounts", MissReason.CODE_CHANGED)).isEqualTo(1);
		});
	}

	/** The key kind is really in force, so each parameter tests what its name says. */
	private static void assertKeyKind(VariantApplication.Running app, KeyKind kind) {
		switch (kind) {
			case DEFAULT_KEY, KEY_EXPRESSION, KEY_GENERATOR_BEAN ->
				assertThat(app.interceptor().getKeyGenerator()).isInstanceOf(CachetKeyGenerator.class);
			case CONFIGURER_ERROR_HANDLER -> {
				assertThat(app.interceptor().getKeyGenerator()).isInstanceOf(SimpleKeyGenerator.class);
				assertThat(app.context()).getBeans(CachingConfigurer.class).containsOnlyKeys("cachingConfigurer");
			}
			case CONFIGURER_KEY_GENERATOR ->
				assertThat(app.interceptor().getKeyGenerator().getClass().getName()).isEqualTo("com.acme.catalog.CatalogKeys");
		}
	}

	private VariantApplication variant(KeyKind kind, Edit edit) {
		Path folder = temp.resolve("classes-" + kind + "-" + edit + "-" + System.nanoTime());
		return VariantApplication.compile(folder, CatalogSources.variant(kind, edit));
	}

}
