package org.eprescription.api.pharmacy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;
import org.eprescription.api.input.Identifier;

import java.time.LocalDate;

/** The body of {@code POST /prescriptions/accept}: the code the patient shows, their birth date, and who accepts. */
public record AcceptRequest(@NotBlank @Size(max = FieldLimits.EXCHANGE_CODE) String exchangeCode,
                            @NotNull LocalDate patientBirthDate,
                            @NotBlank @Identifier String pharmacyId,
                            @NotBlank @Identifier String pharmacistId) {
}
