package org.eprescription.api.pharmacy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/** The body of {@code POST /prescriptions/accept}: the code the patient shows, their birth date, and who accepts. */
public record AcceptRequest(@NotBlank String exchangeCode, @NotNull LocalDate patientBirthDate,
                            @NotBlank String pharmacyId, @NotBlank String pharmacistId) {
}
