package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * {@code GET /fhir/Task/{id}}: the prescription's Task as it stands, read as {@code GET /api/v1/prescriptions/{id}}
 * is: who may read it is {@link ResourceAccess}'s decision, and the read is in the patient's access log.
 */
@RestController
@RequestMapping(FhirPaths.BASE)
class TaskReadController {

    private final FhirResources resources;
    private final TaskMapper tasks;
    private final ResourceAccess access;
    private final AccessLog accessLog;

    TaskReadController(FhirResources resources, TaskMapper tasks, ResourceAccess access, AccessLog accessLog) {
        this.resources = resources;
        this.tasks = tasks;
        this.access = access;
        this.accessLog = accessLog;
    }

    @GetMapping(FhirPaths.TASK)
    ResponseEntity<byte[]> read(@PathVariable UUID id, HttpServletRequest request) {
        FhirFormat format = FhirNegotiation.answerFormat(request);
        PrescriptionId prescriptionId = new PrescriptionId(id);
        PrescriptionView view = access.readablePrescription(prescriptionId);
        accessLog.read(view.patient().id(), "prescription " + prescriptionId);
        return resources.answer(HttpStatus.OK, tasks.standalone(view), format);
    }
}
