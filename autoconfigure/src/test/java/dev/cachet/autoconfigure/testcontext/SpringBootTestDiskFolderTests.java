package dev.cachet.autoconfigure.testcontext;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * A {@code @SpringBootTest} whose configuration names the developer's default folder: the test
 * context still gets one of its own.
 */
@SpringBootTest(classes = SquaresApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SpringBootTestDiskFolderTests {

	@Autowired
	ApplicationContext context;

	@Test
	void hasItsOwnDiskFolderWhereTheFirstCallComputes() {
		TestContexts.assertOwnFolderAndFirstCallComputes(context);
	}

}
