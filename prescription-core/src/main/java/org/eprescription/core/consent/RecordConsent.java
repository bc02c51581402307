package org.eprescription.core.consent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.PatientId;

/** The patient says whether providers may see their history from other institutions. */
public record RecordConsent(PatientId patientId, boolean sharingAllowed) {

    @TargetAggregateIdentifier
    public String consentStreamId() {
        return PatientConsent.streamIdOf(patientId);
    }
}
