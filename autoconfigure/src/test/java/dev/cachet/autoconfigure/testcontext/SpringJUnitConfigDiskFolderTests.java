package dev.cachet.autoconfigure.testcontext;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** A plain Spring test, no Boot bootstrapper: recognised as a test context all the same. */
@SpringJUnitConfig(SquaresApplication.class)
class SpringJUnitConfigDiskFolderTests {

	@Autowired
	ApplicationContext context;

	@Test
	void hasItsOwnDiskFolderWhereTheFirstCallComputes() {
		TestContexts.assertOwnFolderAndFirstCallComputes(context);
	}

}
