package org.eprescription.core.consent;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
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

    /** The patient records this choice after these events of the consent stream (none: no choice recorded yet). */
    private ResultValidator<PatientConsent> recording(boolean sharingAllowed, Object... history) {
        return fixture.given(history).when(new RecordConsent(PATIENT, sharingAllowed));
    }

    @Test
    void aPatientGivesConsent() {
        recording(true).expectEvents(new ConsentGiven(PATIENT, clock.instant()));
    }

    @Test
    void aPatientWithdrawsConsent() {
        recording(false, new ConsentGiven(PATIENT, clock.instant()))
                .expectEvents(new ConsentWithdrawn(PATIENT, clock.instant()));
    }

    @Test
    void aFirstRefusalIsRecordedToo() {
        recording(false).expectEvents(new ConsentWithdrawn(PATIENT, clock.instant()));
    }

    @Test
    void recordingTheSameChoiceAgainChangesNothing() {
        recording(true, new ConsentGiven(PATIENT, clock.instant()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theConsentStreamCannotCollideWithAPrescriptionId() {
        assertThat(new RecordConsent(PATIENT, true).consentStreamId()).isEqualTo(STREAM).startsWith("consent:");
    }
}
