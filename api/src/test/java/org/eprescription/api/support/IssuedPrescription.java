package org.eprescription.api.support;

import java.util.Map;

/** What a test needs to go on with an issued prescription. */
public record IssuedPrescription(String id, String exchangeCode, String institutionId, Map<String, Object> body) {

    public String path() {
        return "/prescriptions/" + id;
    }
}
