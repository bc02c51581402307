package org.eprescription.api.institution;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.prescription.PrescriptionResponses;
import org.eprescription.api.prescription.PrescriptionStreams;
import org.eprescription.api.security.ExchangeUser;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.query.prescription.FindPrescriptionsByInstitution;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;

/** The prescriptions an institution issued, with status and open alerts; and the same live, as Server-Sent Events. */
@Tag(name = "institutions")
@RestController
@RequestMapping("/api/v1/institutions/{institutionId}/prescriptions")
@RequiredArgsConstructor
public class InstitutionPrescriptionsController {

    private final QueryGateway queryGateway;
    private final PrescriptionResponses responses;
    private final PrescriptionStreams streams;
    private final ResourceAccess access;
    private final AccessLog accessLog;

    @Operation(operationId = "listInstitutionPrescriptions", summary = "List an institution's prescriptions",
            description = "For its prescribers and auditors: each with status and open alerts.")
    @GetMapping
    public InstitutionPrescriptionsResponse get(@PathVariable String institutionId) {
        access.requireInstitution(institutionId);
        InstitutionId id = InstitutionId.of(institutionId);
        List<PrescriptionView> views = queryGateway.query(new FindPrescriptionsByInstitution(id),
                ResponseTypes.multipleInstancesOf(PrescriptionView.class)).join();
        return read(accessLog.caller(), id, views);
    }

    /** {@code snapshot}: the body of {@link #get}; {@code change}: a prescription of the institution that changed. */
    @Operation(operationId = "streamInstitutionPrescriptions", summary = "Follow an institution's prescriptions live",
            description = "Server-Sent Events: a snapshot with the body of the list, then a change for every "
                    + "prescription of the institution that changed (docs/http-api.md, \"Live streams\").")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable String institutionId) {
        access.requireInstitution(institutionId);
        InstitutionId id = InstitutionId.of(institutionId);
        ExchangeUser reader = accessLog.caller();
        return streams.list(new FindPrescriptionsByInstitution(id),
                ResponseTypes.multipleInstancesOf(PrescriptionView.class), found -> shown(found).stream(),
                initial -> read(reader, id, initial), readOf(id));
    }

    /** The list's body, its read in each patient's access log first. */
    private InstitutionPrescriptionsResponse read(ExchangeUser reader, InstitutionId institution,
                                                 List<PrescriptionView> found) {
        List<PrescriptionView> views = shown(found);
        accessLog.read(reader, views.stream().map(view -> view.patient().id()).toList(), readOf(institution));
        return new InstitutionPrescriptionsResponse(institution.value(), responses.withOpenAlerts(views),
                found.size() > views.size() ? Boolean.TRUE : null);
    }

    /** What a read of the institution's list is in the access log as. */
    private static String readOf(InstitutionId institution) {
        return "prescriptions of institution " + institution.value();
    }

    /** The newest {@value FindPrescriptionsByInstitution#LIMIT} of what the query found. */
    private static List<PrescriptionView> shown(List<PrescriptionView> found) {
        return found.size() > FindPrescriptionsByInstitution.LIMIT
                ? found.subList(0, FindPrescriptionsByInstitution.LIMIT) : found;
    }
}
