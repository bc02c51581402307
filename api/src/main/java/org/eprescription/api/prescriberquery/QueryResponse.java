package org.eprescription.api.prescriberquery;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eprescription.query.prescription.PrescriberQuery;

/** What asking a query answers: the query as the prescription view shows it, with its prescription. */
public record QueryResponse(String prescriptionId, @JsonUnwrapped PrescriberQuery query) {
}
