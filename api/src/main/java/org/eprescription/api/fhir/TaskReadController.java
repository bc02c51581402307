package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.prescription.PrescriptionReads;
import org.eprescription.core.ids.PrescriptionId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * {@code GET /fhir/Task/{id}}: the prescription's Task as it stands, read as {@code GET /api/v1/prescriptions/{id}}
 * is ({@link PrescriptionReads}): who may read it, and the read in the patient's access log.
 */
@RestController
@RequestMapping(FhirPaths.BASE)
@RequiredArgsConstructor
class TaskReadController {

    private final FhirResources resources;
    private final TaskMapper tasks;
    private final PrescriptionReads reads;

    @GetMapping(FhirPaths.TASK)
    ResponseEntity<byte[]> read(@PathVariable UUID id, HttpServletRequest request) {
        return resources.answer(request, HttpStatus.OK,
                () -> tasks.standalone(reads.readable(new PrescriptionId(id))));
    }
}
