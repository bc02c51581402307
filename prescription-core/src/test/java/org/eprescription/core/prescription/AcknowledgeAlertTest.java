package org.eprescription.core.prescription;

import org.eprescription.core.ids.Party;
import org.eprescription.core.refusal.Refusal;

import org.junit.jupiter.api.Test;

class AcknowledgeAlertTest extends PrescriptionTestSupport {

    @Test
    void theIssuingPrescriberAcknowledges() {
        Party doctor = prescriberParty(DOCTOR, HOSPITAL);
        fixture.given(issued())
                .when(acknowledge(doctor))
                .expectEvents(alertAcknowledged(doctor))
                .expectResultMessagePayload(1L);
    }

    @Test
    void anotherPrescriberOfTheIssuingInstitutionAcknowledges() {
        Party colleague = prescriberParty(OTHER_DOCTOR_SAME_HOSPITAL, HOSPITAL);
        fixture.given(issued())
                .when(acknowledge(colleague))
                .expectEvents(alertAcknowledged(colleague));
    }

    @Test
    void aPharmacyThatAcceptedThePrescriptionAcknowledges() {
        Party pharmacist = pharmacistParty(PHARMACY_A);
        fixture.given(issued(), accepted(PHARMACY_A))
                .when(acknowledge(pharmacist))
                .expectEvents(alertAcknowledged(pharmacist));
    }

    @Test
    void aPharmacyThatReleasedThePrescriptionRemainsInvolved() {
        Party pharmacist = pharmacistParty(PHARMACY_A);
        fixture.given(issued(), accepted(PHARMACY_A), released(PHARMACY_A, 1), accepted(PHARMACY_B))
                .when(acknowledge(pharmacist))
                .expectEvents(alertAcknowledged(pharmacist));
    }

    @Test
    void anUninvolvedPharmacyCannotAcknowledge() {
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A)).when(acknowledge(pharmacistParty(PHARMACY_B))),
                Refusal.NOT_INVOLVED);
    }

    @Test
    void noPharmacyIsInvolvedBeforeAnyAccepted() {
        expectRefused(fixture.given(issued()).when(acknowledge(pharmacistParty(PHARMACY_A))), Refusal.NOT_INVOLVED);
    }

    @Test
    void anotherInstitutionCannotAcknowledge() {
        expectRefused(fixture.given(issued()).when(acknowledge(prescriberParty(DOCTOR_ELSEWHERE, OTHER_HOSPITAL))),
                Refusal.NOT_INVOLVED);
    }

    @Test
    void aPharmacistClaimingTheInstitutionsIdIsNotThePrescriber() {
        Party impostor = new Party(Party.Role.PHARMACIST, "pharmacist-x", HOSPITAL.value());
        expectRefused(fixture.given(issued()).when(acknowledge(impostor)), Refusal.NOT_INVOLVED);
    }

    @Test
    void aPrescriberClaimingAnInvolvedPharmacysIdIsNotThatPharmacy() {
        Party impostor = new Party(Party.Role.PRESCRIBER, "doctor-x", PHARMACY_A.value());
        expectRefused(fixture.given(issued(), accepted(PHARMACY_A)).when(acknowledge(impostor)),
                Refusal.NOT_INVOLVED);
    }

    @Test
    void acknowledgingWorksAfterCompletion() {
        Party pharmacist = pharmacistParty(PHARMACY_A);
        fixture.given(completedHistory())
                .when(acknowledge(pharmacist))
                .expectEvents(alertAcknowledged(pharmacist));
    }

    @Test
    void acknowledgingWorksAfterCancellation() {
        Party doctor = prescriberParty(DOCTOR, HOSPITAL);
        fixture.given(issued(), cancelled())
                .when(acknowledge(doctor))
                .expectEvents(alertAcknowledged(doctor));
    }

    @Test
    void acknowledgingWorksAfterExpiry() {
        Party doctor = prescriberParty(DOCTOR, HOSPITAL);
        fixture.given(issued(), expired(1))
                .when(acknowledge(doctor))
                .expectEvents(alertAcknowledged(doctor));
    }
}
