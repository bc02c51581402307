package org.eprescription;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The prescription exchange: one Spring Boot application over prescription-core and query-side. */
@SpringBootApplication
public class PrescriptionExchangeApplication {

    static {
        // Axon's console module prints an advertisement at every start unless this system property is set; a
        // deployment that does use AxonIQ Console can still set it to false
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(PrescriptionExchangeApplication.class, args);
    }
}
