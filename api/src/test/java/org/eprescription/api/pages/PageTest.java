package org.eprescription.api.pages;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A test of the pages in a headless Chromium that the subclass starts in its own {@code @BeforeAll} (in the language it
 * needs): the browser is closed after the class, and a failing test's page is saved as a screenshot.
 */
abstract class PageTest extends ExchangeIntegrationTest {

    static Browser browser;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                System.err.println("page at failure: " + browser.screenshot(context.getRequiredTestMethod().getName())
                        .toAbsolutePath());
            }
        }
    };

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
