package org.eprescription.api.prescriberquery;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;

/** The body of {@code POST /prescriptions/{id}/queries/{queryId}/answer}. */
public record AnswerRequest(@NotBlank @Size(max = FieldLimits.TEXT) String answer, @NotNull Boolean acceptChange) {
}
