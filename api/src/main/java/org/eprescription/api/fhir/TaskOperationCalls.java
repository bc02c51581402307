package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.idempotency.IdempotencyKeyHeader;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.function.BiFunction;

/**
 * How every Task operation answers (docs/fhir.md): the encoding decided first, then the body read in the encoding its
 * Content-Type names (strictly the Parameters the operation defines, or for {@code $create} the Bundle itself), then
 * what the operation does with it and the {@code Idempotency-Key} that names a retry.
 */
@Component
@RequiredArgsConstructor
class TaskOperationCalls {

    private final FhirResources resources;

    /** A call of {@code operation} (any but {@code $create}), answered 200. */
    ResponseEntity<byte[]> answer(TaskOperation operation, byte[] body, HttpServletRequest request,
                                  BiFunction<OperationParameters, String, ? extends IBaseResource> act) {
        return resources.answer(request, HttpStatus.OK, () -> act.apply(
                operation.read(resources, body, request.getHeader(HttpHeaders.CONTENT_TYPE)),
                request.getHeader(IdempotencyKeyHeader.NAME)));
    }

    /**
     * What {@code $create} answers: the Bundle, and whether the prescription was issued before by the same Bundle
     * (its named id sent again: 200, as the JSON API answers the same {@code prescriptionId} and body; else 201).
     */
    record Created(IBaseResource resource, boolean issuedBefore) {
    }

    /** A call of {@code $create}, whose body is the Bundle to issue, answered 201 (200 for a Bundle issued before). */
    ResponseEntity<byte[]> create(byte[] body, HttpServletRequest request, BiFunction<Bundle, String, Created> act) {
        FhirFormat format = FhirNegotiation.answerFormat(request);
        if (body == null || body.length == 0) {
            throw FhirRequestException.malformed("the body must be a FHIR R4 Bundle");
        }
        Created created = act.apply(resources.read(body, request.getHeader(HttpHeaders.CONTENT_TYPE), Bundle.class),
                request.getHeader(IdempotencyKeyHeader.NAME));
        return resources.answer(created.issuedBefore() ? HttpStatus.OK : HttpStatus.CREATED, created.resource(),
                format);
    }
}
