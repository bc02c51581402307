package org.eprescription.core.consent;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PatientConsentTest {

    private static final PatientId PATIENT = PatientId.of("patient-1");
    private static final String STREAM = PatientConsent.streamIdOf(PATIENT);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
    private AggregateTestFixture<PatientConsent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PatientConsent.class);
        fixture.registerInjectableResource(clock);
    }

    @Test
    void aPatientGivesConsent() {
        fixture.givenNoPriorActivity()
                .when(new RecordConsent(PATIENT, true))
                .expectEvents(new ConsentGiven(PATIENT, clock.instant()));
    }

    @Test
    void aPatientWithdrawsConsent() {
        fixture.given(new ConsentGiven(PATIENT, clock.instant()))
                .when(new RecordConsent(PATIENT, false))
                .expectEvents(new ConsentWithdrawn(PATIENT, clock.instant()));
    }

    @Test
    void aFirstRefusalIsRecordedToo() {
        fixture.givenNoPriorActivity()
                .when(new RecordConsent(PATIENT, false))
                .expectEvents(new ConsentWithdrawn(PATIENT, clock.instant()));
    }

    @Test
    void recordingTheSameChoiceAgainChangesNothing() {
        fixture.given(new ConsentGiven(PATIENT, clock.instant()))
                .when(new RecordConsent(PATIENT, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theConsentStreamCannotCollideWithAPrescriptionId() {
        assertThat(new RecordConsent(PATIENT, true).consentStreamId()).isEqualTo(STREAM).startsWith("consent:");
    }
}
