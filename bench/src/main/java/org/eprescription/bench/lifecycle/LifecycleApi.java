package org.eprescription.bench.lifecycle;

import org.eprescription.bench.common.Bodies;
import org.eprescription.bench.common.FhirBodies;
import org.eprescription.bench.common.LifecycleCast;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Which of the exchange's interfaces a lifecycle goes through ({@code --api}): the JSON API's issue, accept and
 * dispense, or their FHIR twins {@code Task/$create}, {@code Task/$accept} and {@code Task/{id}/$dispense}
 * (docs/fhir.md). The clinical work is the same: one line issued, accepted, dispensed whole, completing the use.
 *
 * @param issued what an issue answered; empty when the answer does not say both
 */
record LifecycleApi(String name, String issuePath, Function<LifecycleCast, String> issue,
                    BiFunction<LifecycleCast, String, Optional<Issued>> issued,
                    String acceptPath, BiFunction<LifecycleCast, String, String> accept,
                    BiFunction<LifecycleCast, Issued, String> dispensePath,
                    BiFunction<LifecycleCast, Issued, String> dispense) {

    /** The JSON API: the client names the prescription, the bodies name the pharmacy and pharmacist too. */
    static final LifecycleApi JSON = new LifecycleApi("json", "/prescriptions", LifecycleCast::issue,
            (cast, answer) -> Bodies.exchangeCode(answer).map(code -> new Issued(cast.prescriptionId(), code)),
            "/prescriptions/accept", LifecycleCast::accept,
            (cast, issued) -> cast.dispensePath(), (cast, issued) -> cast.dispense());

    /** The FHIR interface: the exchange names the prescription (the Task's id), the token the pharmacy. */
    static final LifecycleApi FHIR = new LifecycleApi("fhir", "/Task/$create", LifecycleCast::fhirCreate,
            (cast, answer) -> FhirBodies.prescriptionId(answer)
                    .flatMap(id -> FhirBodies.exchangeCode(answer).map(code -> new Issued(id, code))),
            "/Task/$accept", LifecycleCast::fhirAccept,
            (cast, issued) -> LifecycleCast.fhirDispensePath(issued.prescriptionId()),
            (cast, issued) -> cast.fhirDispense(issued.prescriptionId()));

    /** What an issue answered: the prescription's id and the exchange code the patient takes to the pharmacy. */
    record Issued(String prescriptionId, String exchangeCode) {
    }

    /** {@code json} or {@code fhir}. */
    static LifecycleApi named(String name) {
        return FHIR.name.equals(name) ? FHIR : JSON;
    }
}
