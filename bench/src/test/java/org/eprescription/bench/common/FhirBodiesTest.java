package org.eprescription.bench.common;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class FhirBodiesTest {

    /** The start of a {@code Task/$create} answer as the exchange writes it (HAPI's JSON, docs/fhir.md). */
    private static final String CREATED = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"fullUrl\":"
            + "\"urn:uuid:6c1c\",\"resource\":{\"resourceType\":\"Task\",\"id\":\"4f1e2a40-0000-4000-8000-00000000abcd\","
            + "\"identifier\":[{\"system\":\"https://fhir.example.jp/sid/prescription-id\","
            + "\"value\":\"4f1e2a40-0000-4000-8000-00000000abcd\"},{\"system\":\"https://fhir.example.jp/sid/"
            + "exchange-code\",\"value\":\"1234-5678-9012\"}],\"status\":\"ready\"}}]}";

    @Test
    void theTaskOfACreateAnswerGivesThePrescriptionIdAndTheExchangeCodeUnderAnyBase() {
        assertThat(FhirBodies.prescriptionId(CREATED)).contains("4f1e2a40-0000-4000-8000-00000000abcd");
        assertThat(FhirBodies.exchangeCode(CREATED)).contains("1234-5678-9012");
        assertThat(FhirBodies.exchangeCode("{\"resourceType\":\"OperationOutcome\"}")).isEmpty();
    }

    @Test
    void theBodiesNameThePartiesTheLineAndTheUseAsTheJsonBodiesDo() {
        String create = FhirBodies.create("PAT-1", LocalDate.of(1958, 4, 2), "Bench", "Patient", "DOC-01-1", "HOSP-01",
                "2171022F1021", 28, "tablet", "1 tablet daily", 28, 0);
        assertThat(create).startsWith("{\"resourceType\":\"Bundle\"")
                .contains("{\"system\":\"" + FhirBodies.SID + "patient-id\",\"value\":\"PAT-1\"}")
                .contains("\"birthDate\":\"1958-04-02\"")
                .contains("{\"system\":\"" + FhirBodies.SID + "practitioner-id\",\"value\":\"DOC-01-1\"}")
                .contains("{\"system\":\"" + FhirBodies.SID + "institution-id\",\"value\":\"HOSP-01\"}")
                .contains("\"code\":\"2171022F1021\"", "\"numberOfRepeatsAllowed\":0",
                        "\"quantity\":{\"value\":28,\"unit\":\"tablet\"}", "\"text\":\"1 tablet daily\"");
        assertThat(balanced(create)).isTrue();

        String accept = FhirBodies.accept("1234-5678-9012", LocalDate.of(1958, 4, 2));
        assertThat(accept).contains("\"valueString\":\"1234-5678-9012\"", "\"valueDate\":\"1958-04-02\"");
        assertThat(balanced(accept)).isTrue();

        String dispense = FhirBodies.dispense("RX-1", 1, "2171022F1021", 28, "tablet", 28, true);
        assertThat(dispense).contains("{\"system\":\"" + FhirBodies.SID + "prescription-line\",\"value\":\"RX-1/1\"}",
                "\"status\":\"completed\"", "\"daysSupply\":{\"value\":28,", "{\"name\":\"completes-use\","
                        + "\"valueBoolean\":true}");
        assertThat(balanced(dispense)).isTrue();
    }

    /** Braces and brackets close in order (the strings hold none). */
    private static boolean balanced(String json) {
        StringBuilder open = new StringBuilder();
        for (char c : json.toCharArray()) {
            if (c == '{' || c == '[') {
                open.append(c);
            } else if (c == '}' || c == ']') {
                if (open.isEmpty() || open.charAt(open.length() - 1) != (c == '}' ? '{' : '[')) {
                    return false;
                }
                open.setLength(open.length() - 1);
            }
        }
        return open.isEmpty();
    }
}
