package org.eprescription.core.prescription;

import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.axonframework.eventhandling.EventMessage;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Test;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;

/** Projections that must keep one patient's events in order find the patient in every event's metadata. */
class PatientMetadataTest extends PrescriptionTestSupport {

    @Test
    void theIssuedEventNamesItsPatientInMetadata() {
        fixture.givenNoPriorActivity()
                .when(issue())
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(exactSequenceOf(
                        patientMetadataMatcher(), andNoMore()));
    }

    @Test
    void laterEventsNameTheSamePatient() {
        fixture.given(issued())
                .when(accept(PHARMACY_A))
                .expectEventsMatching(exactSequenceOf(
                        patientMetadataMatcher(), andNoMore()));
    }

    private static Matcher<EventMessage<?>> patientMetadataMatcher() {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(EventMessage<?> message) {
                return PATIENT.id().value().equals(message.getMetaData().get(PrescriptionEvent.PATIENT_ID_METADATA));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an event whose metadata names patient " + PATIENT.id());
            }
        };
    }
}
