package org.eprescription.bench.lifecycle;

import org.eprescription.bench.common.Bodies;
import org.eprescription.bench.common.FhirBodies;
import org.eprescription.bench.common.LifecycleCast;

import java.util.Locale;
import java.util.Optional;

/**
 * Which of the exchange's interfaces a lifecycle goes through ({@code --api}): the JSON API's issue, accept and
 * dispense, or their FHIR twins {@code Task/$create}, {@code Task/$accept} and {@code Task/{id}/$dispense}
 * (docs/fhir.md). The clinical work is the same: one line issued, accepted, dispensed whole, completing the use.
 */
enum LifecycleApi {

    JSON {
        @Override
        String issuePath() {
            return "/prescriptions";
        }

        @Override
        String issue(LifecycleCast cast) {
            return cast.issue();
        }

        @Override
        Optional<Issued> issued(LifecycleCast cast, String answer) {
            return Bodies.exchangeCode(answer).map(code -> new Issued(cast.prescriptionId(), code));
        }

        @Override
        String acceptPath() {
            return "/prescriptions/accept";
        }

        @Override
        String accept(LifecycleCast cast, String exchangeCode) {
            return cast.accept(exchangeCode);
        }

        @Override
        String dispensePath(LifecycleCast cast, Issued issued) {
            return cast.dispensePath();
        }

        @Override
        String dispense(LifecycleCast cast, Issued issued) {
            return cast.dispense();
        }
    },

    FHIR {
        @Override
        String issuePath() {
            return "/Task/$create";
        }

        @Override
        String issue(LifecycleCast cast) {
            return cast.fhirCreate();
        }

        @Override
        Optional<Issued> issued(LifecycleCast cast, String answer) {
            return FhirBodies.prescriptionId(answer).flatMap(id -> FhirBodies.exchangeCode(answer)
                    .map(code -> new Issued(id, code)));
        }

        @Override
        String acceptPath() {
            return "/Task/$accept";
        }

        @Override
        String accept(LifecycleCast cast, String exchangeCode) {
            return cast.fhirAccept(exchangeCode);
        }

        @Override
        String dispensePath(LifecycleCast cast, Issued issued) {
            return LifecycleCast.fhirDispensePath(issued.prescriptionId());
        }

        @Override
        String dispense(LifecycleCast cast, Issued issued) {
            return cast.fhirDispense(issued.prescriptionId());
        }
    };

    /** What an issue answered: the prescription's id and the exchange code the patient takes to the pharmacy. */
    record Issued(String prescriptionId, String exchangeCode) {
    }

    static LifecycleApi named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    abstract String issuePath();

    abstract String issue(LifecycleCast cast);

    /** Empty when the answer does not say both. */
    abstract Optional<Issued> issued(LifecycleCast cast, String answer);

    abstract String acceptPath();

    abstract String accept(LifecycleCast cast, String exchangeCode);

    abstract String dispensePath(LifecycleCast cast, Issued issued);

    abstract String dispense(LifecycleCast cast, Issued issued);
}
