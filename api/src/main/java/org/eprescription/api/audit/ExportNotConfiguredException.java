package org.eprescription.api.audit;

/** The pseudonymized export was asked for but no pseudonym key is configured; answered 503. */
public class ExportNotConfiguredException extends RuntimeException {

    public ExportNotConfiguredException() {
        super("the pseudonymized export needs exchange.export.pseudonym-key (EXCHANGE_EXPORT_PSEUDONYM_KEY)");
    }
}
