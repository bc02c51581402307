package org.eprescription.api.fhir;

import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tests' check of what /fhir answers fails where it should, or its passing would say nothing. */
class FhirConformanceTest {

    @Test
    void anUnknownElementFailsTheStrictParse() {
        assertThatThrownBy(() -> FhirConformance.valid(
                "{\"resourceType\":\"Task\",\"status\":\"ready\",\"intent\":\"order\",\"colour\":\"red\"}",
                FhirHttp.FHIR_JSON, Task.class))
                .hasMessageContaining("colour");
    }

    @Test
    void aTaskWithoutItsRequiredStatusFailsValidation() {
        assertThatThrownBy(() -> FhirConformance.valid("{\"resourceType\":\"Task\",\"intent\":\"order\"}",
                FhirHttp.FHIR_JSON, Task.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Task.status");
    }
}
