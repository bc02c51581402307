package org.eprescription;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The prescription exchange: one Spring Boot application over prescription-core and query-side. */
@SpringBootApplication
public class PrescriptionExchangeApplication {

    public static void main(String[] args) {
        SpringApplication.run(PrescriptionExchangeApplication.class, args);
    }
}
