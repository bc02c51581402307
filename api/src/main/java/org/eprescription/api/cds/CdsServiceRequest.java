package org.eprescription.api.cds;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;
import org.eprescription.api.input.Identifier;

/**
 * The body of {@code POST /cds-services/{id}}: a CDS Hooks request, of which the check reads {@code hook},
 * {@code hookInstance}, {@code context.patientId} and {@code context.draftOrders} (a FHIR Bundle, read by HAPI's
 * parser). CDS Hooks clients send more (fhirServer, fhirAuthorization, prefetch, context.userId, encounterId,
 * selections); the specification has servers ignore what they do not use, so this envelope, unlike the JSON API's
 * bodies, is read leniently.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CdsServiceRequest(@NotBlank @Size(max = FieldLimits.CODE) String hook,
                                @NotBlank @Size(max = FieldLimits.ID) String hookInstance,
                                @NotNull @Valid Context context) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Context(@NotBlank @Identifier String patientId, @NotNull JsonNode draftOrders) {
    }
}
