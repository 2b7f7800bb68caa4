package dev.cachet.autoconfigure;

/**
 * Present as a bean in the application contexts that Spring's TestContext framework builds; put
 * there by {@link TestContextMarkerCustomizerFactory}. Cachet gives such a context a disk folder of
 * its own (see {@link DiskTierFolder}).
 */
final class TestContextMarker {

	/** The bean under which a test context carries its marker. */
	static final String BEAN_NAME = "cachetTestContextMarker";

}
