package org.eprescription.core.prescription;

import org.eprescription.core.ids.PatientId;

import java.time.LocalDate;
import java.util.Objects;

/** The patient as the prescription names them; the birth date is the second factor beside the exchange code. */
public record PatientDetails(PatientId id, LocalDate birthDate, String name) {

    public PatientDetails {
        Objects.requireNonNull(id, "patient id");
        Objects.requireNonNull(birthDate, "patient birth date");
    }
}
