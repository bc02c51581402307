package org.eprescription.api.servicedesk;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.query.prescription.FindStuckPrescriptions;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Stuck work for the service desk: prescriptions a pharmacy holds without dispensing. */
@Tag(name = "admin")
@RestController
@RequiredArgsConstructor
public class StuckPrescriptionsController {

    private final QueryGateway queryGateway;
    private final Clock clock;
    private final AccessLog accessLog;

    /** The longest {@code heldFor} asked: no prescription is valid longer. */
    static final Duration LONGEST = Duration.ofDays(3660);

    /** @param heldFor an ISO-8601 duration such as {@code PT48H}; must be positive, at most ten years */
    @Operation(operationId = "listStuckPrescriptions", summary = "List stuck prescriptions",
            description = "For auditors and the service desk: prescriptions a pharmacy has held for longer than "
                    + "heldFor without a dispensing.")
    @GetMapping("/api/v1/admin/stuck-prescriptions")
    public StuckPrescriptionsResponse stuck(@RequestParam(defaultValue = "PT48H") Duration heldFor) {
        if (heldFor.isNegative() || heldFor.isZero() || heldFor.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("heldFor must be a positive duration of at most ten years, such as PT48H");
        }
        Instant cutoff = clock.instant().minus(heldFor);
        List<PrescriptionView> found = queryGateway.query(new FindStuckPrescriptions(cutoff),
                ResponseTypes.multipleInstancesOf(PrescriptionView.class)).join();
        boolean truncated = found.size() > FindStuckPrescriptions.LIMIT;
        List<PrescriptionView> stuck = truncated ? found.subList(0, FindStuckPrescriptions.LIMIT) : found;
        // the list shows each patient's prescription: one entry per patient in their access logs
        accessLog.read(stuck.stream().map(view -> view.patient().id()).toList(), "stuck prescriptions");
        return new StuckPrescriptionsResponse(heldFor, cutoff, stuck, truncated ? Boolean.TRUE : null);
    }
}
