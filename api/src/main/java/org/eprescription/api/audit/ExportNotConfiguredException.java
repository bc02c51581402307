package org.eprescription.api.audit;

import org.eprescription.api.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** The pseudonymized export was asked for but no pseudonym key is configured; answered 503. */
public class ExportNotConfiguredException extends ProblemException {

    public ExportNotConfiguredException() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "export-not-configured", "Export not configured",
                "the pseudonymized export needs exchange.export.pseudonym-key (EXCHANGE_EXPORT_PSEUDONYM_KEY)");
    }
}
