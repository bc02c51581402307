package org.eprescription.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.eprescription.core.ids.PrescriptionId;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code whenHandedOver} of a {@code $dispense} is judged in the exchange's zone, never the JVM's (docs/domain.md,
 * "Days"; docs/fhir.md): a day written without a time is that day. HAPI reads such a value as midnight of the JVM's
 * default zone, so on a JVM in Pacific/Kiritimati (UTC+14), five hours ahead of the exchange's Asia/Tokyo, the right
 * day read as an instant falls on Tokyo's day before, and tomorrow on today.
 */
class DispenseParametersReaderTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final PrescriptionId PRESCRIPTION = PrescriptionId.of("8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11");
    private static final FhirSystems SYSTEMS = new FhirSystems(
            new FhirProperties("http://example.org/fhir/sid/", "http://example.org/fhir/CodeSystem/"));

    /** 2 December, noon in Tokyo. */
    private final Clock clock = Clock.fixed(LocalDateTime.of(2026, 12, 2, 12, 0).atZone(TOKYO).toInstant(), TOKYO);
    private final DispenseParametersReader reader = new DispenseParametersReader(SYSTEMS, clock,
            new MedicationRequestMapper(SYSTEMS));
    private TimeZone jvmZone;

    @BeforeEach
    void jvmInAnotherZone() {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
    }

    @AfterEach
    void jvmZoneAsItWas() {
        TimeZone.setDefault(jvmZone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-02", "2026-12-02T23:59:00+09:00", "2026-12-01T15:00:00Z"})
    void todayInTheExchangesZoneIsAccepted(String whenHandedOver) {
        DispenseParametersReader.Dispense dispense = reader.read(PRESCRIPTION, parameters(whenHandedOver), false);

        assertThat(dispense.items()).singleElement()
                .satisfies(item -> assertThat(item.lineNumber()).isEqualTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-03", "2026-12-01", "2026-12-02T15:00:00Z", "2026-12-01T23:59:00+09:00"})
    void anotherDayInTheExchangesZoneIsRefused(String whenHandedOver) {
        assertThatThrownBy(() -> reader.read(PRESCRIPTION, parameters(whenHandedOver), false))
                .isInstanceOfSatisfying(FhirRequestException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(refused.getMessage()).contains("whenHandedOver must be today");
                });
    }

    @Test
    void aMonthNamesNoDay() {
        assertThatThrownBy(() -> reader.read(PRESCRIPTION, parameters("2026-12"), false))
                .isInstanceOfSatisfying(FhirRequestException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(refused.getMessage()).contains("whenHandedOver must name a day");
                });
    }

    /** The body of a $dispense of 28 tablets for line 1, handed over {@code whenHandedOver}, read as HAPI reads it. */
    private static OperationParameters parameters(String whenHandedOver) {
        String body = """
                {"resourceType": "Parameters", "parameter": [{"name": "medicationDispense", "resource": {
                  "resourceType": "MedicationDispense", "status": "completed",
                  "medicationCodeableConcept": {"coding": [{"system": "%s", "code": "2171022F1021"}]},
                  "authorizingPrescription": [{"identifier": {"system": "%s", "value": "%s/1"}}],
                  "quantity": {"value": 28, "unit": "tablet"},
                  "daysSupply": {"value": 28, "unit": "d", "system": "http://unitsofmeasure.org", "code": "d"},
                  "whenHandedOver": "%s"}}]}
                """.formatted(FhirSystems.YJ, SYSTEMS.prescriptionLine(), PRESCRIPTION, whenHandedOver);
        Parameters parameters = FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class, body);
        return OperationParameters.of("$dispense", parameters, Set.of(DispenseParametersReader.DISPENSE,
                DispenseParametersReader.COMPLETES_USE));
    }
}
