package org.eprescription.api.lifecycle;

import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.IsolatedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A normal start logs what an operator needs and nothing else: no vendor banner or advertisement, no deprecation
 * warning the exchange could avoid, no warning that a setting it means is a default.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuietStartIT {

    @Test
    void aNormalStartShowsNoBannerAdvertisementOrAvoidableWarning(CapturedOutput output) {
        try (ConfigurableApplicationContext ignored = ExchangeNode.start(IsolatedDatabase.createAnother("px_quiet"),
                "quiet-start-test-key-0123456789abcdef")) {
            String log = output.getAll();
            assertThat(log).as("the start was captured").contains("Tomcat started on port");
            assertThat(log).as("Spring Boot's banner").doesNotContain(":: Spring Boot ::");
            assertThat(log).as("AxonIQ Console's advertisement").doesNotContain("AxonIQ Console");
            assertThat(log).as("springdoc's default warning").doesNotContain("is enabled by default");
            assertThat(log).as("deprecation warnings").doesNotContainIgnoringCase("deprecated");
        }
    }
}
