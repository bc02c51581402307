package org.eprescription.api.cds;

import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.alerts.DraftCheck;
import org.eprescription.query.alerts.query.DraftAlerts;
import org.eprescription.api.fhir.DraftOrdersReader;
import org.eprescription.api.problem.UnknownResourceException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * CDS Hooks for the duplicate and interaction check (docs/fhir.md, "CDS Hooks"): the discovery document, and a
 * service call answering one card per alert of {@code POST /api/v1/duplicate-checks}'s own check
 * ({@link DraftCheck}: the same care relationship, consent masking and access log). The caller is the bearer token's,
 * as in the JSON API; a refusal is a plain HTTP problem document (CDS Hooks has no error format of its own).
 */
@RestController
@RequestMapping(CdsHooksController.BASE)
@RequiredArgsConstructor
class CdsHooksController {

    static final String BASE = "/cds-services";

    private final DraftOrdersReader draftOrders;
    private final DraftCheck draftCheck;
    private final CardWriter cards;

    @GetMapping
    CdsDiscovery discovery() {
        return new CdsDiscovery(CdsService.ALL.stream()
                .map(service -> new CdsDiscovery.Service(service.id(), service.hook(), service.title(),
                        "The alerts the draft MedicationRequests (YJ codes) would raise against the patient's "
                                + "medication across institutions: critical for a contraindicated pair, warning for "
                                + "a duplicate. Needs the exchange's bearer token (role PRESCRIBER or PHARMACIST)."))
                .toList());
    }

    @PostMapping("/{id}")
    CdsCards call(@PathVariable String id, @Valid @RequestBody CdsServiceRequest request) {
        CdsService service = CdsService.byId(id)
                .orElseThrow(() -> new UnknownResourceException("no CDS service " + id));
        if (!service.hook().equals(request.hook())) {
            throw new MalformedCdsRequestException("the service " + id + " answers the hook " + service.hook()
                    + ", not " + request.hook());
        }
        if (!request.context().draftOrders().isObject()) {
            throw new MalformedCdsRequestException("context.draftOrders must be a FHIR Bundle");
        }
        List<CdsCards.Card> answer = draftOrders.read(request.context().patientId(),
                        request.context().draftOrders().toString())
                .map(orders -> cardsOf(orders, request.hookInstance()))
                .orElse(List.of());
        return new CdsCards(answer);
    }

    private List<CdsCards.Card> cardsOf(DraftOrdersReader.DraftOrders orders, String hookInstance) {
        List<CdsCards.Card> answer = new ArrayList<>();
        orders.check().ifPresent(draft -> answer.addAll(draftCheck.check(draft)
                .map(check -> cardsOf(check, hookInstance))
                .orElseGet(() -> List.of(cards.checkSwitchedOff(hookInstance)))));
        if (!orders.notChecked().isEmpty()) {
            answer.add(cards.ordersNotChecked(orders.notChecked(), hookInstance));
        }
        return answer;
    }

    private List<CdsCards.Card> cardsOf(DraftAlerts check, String hookInstance) {
        List<CdsCards.Card> answer = new ArrayList<>();
        for (int ordinal = 0; ordinal < check.alerts().size(); ordinal++) {
            answer.add(cards.card(check.alerts().get(ordinal), hookInstance, ordinal));
        }
        if (!check.complete()) {
            answer.add(cards.incompleteCheck(check, hookInstance));
        }
        return answer;
    }
}
