package org.eprescription.api.pharmacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.eprescription.api.prescription.PrescriptionResponses;
import org.eprescription.api.prescription.PrescriptionStreams;
import org.eprescription.api.security.ExchangeUser;
import org.eprescription.query.prescription.DispensingView;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A pharmacy's working view: what it holds now and what it dispensed today (in the exchange's zone), each with its
 * open alerts; and the same live, as Server-Sent Events.
 */
@Tag(name = "pharmacies")
@RestController
@RequestMapping("/api/v1/pharmacies/{pharmacyId}/dispensing-view")
@RequiredArgsConstructor
public class DispensingViewController {

    private final DispensingViews views;
    private final PrescriptionResponses responses;
    private final PrescriptionStreams streams;

    @Operation(operationId = "getDispensingView", summary = "Read a pharmacy's working view",
            description = "For its pharmacists and auditors: what it holds and what it dispensed today, with open "
                    + "alerts.")
    @GetMapping
    public DispensingViewResponse get(@PathVariable String pharmacyId) {
        return response(views.readable(pharmacyId));
    }

    /**
     * {@code snapshot}: the body of {@link #get}; {@code change}: a prescription view (with its open alerts) that
     * entered, changed in or left this pharmacy's view, such as one released or cancelled.
     */
    @Operation(operationId = "streamDispensingView", summary = "Follow a pharmacy's working view live",
            description = "Server-Sent Events: a snapshot with the body of the view, then a change for every "
                    + "prescription that entered, changed in or left it (docs/http-api.md, \"Live streams\").")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable String pharmacyId) {
        ExchangeUser reader = views.reader(pharmacyId);
        return streams.list(views.query(pharmacyId), ResponseTypes.instanceOf(DispensingView.class),
                DispensingViews::shown, initial -> {
                    views.logRead(reader, initial);
                    return response(initial);
                }, DispensingViews.readOf(pharmacyId));
    }

    private DispensingViewResponse response(DispensingView view) {
        return new DispensingViewResponse(view.pharmacyId().value(), responses.withOpenAlerts(view.held()),
                responses.withOpenAlerts(view.dispensedToday()));
    }
}
