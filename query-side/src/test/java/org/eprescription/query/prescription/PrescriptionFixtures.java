package org.eprescription.query.prescription;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.catalogue.Route;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.PrescriptionReleased;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_GENERIC_C;
import static org.eprescription.core.testsupport.SampleDrugs.NOT_IN_CATALOGUE;

/** Events and reference data shared by the query-side tests. */
public final class PrescriptionFixtures {

    public static final PatientId PATIENT = PatientId.of("PAT-0001");
    public static final LocalDate BIRTH_DATE = LocalDate.of(1958, 4, 2);
    public static final InstitutionId HOSPITAL = InstitutionId.of("HOSP-3");
    public static final PrescriberId DOCTOR = PrescriberId.of("DOC-17");
    public static final PharmacyId PHARMACY_A = PharmacyId.of("PHARM-A");
    public static final PharmacyId PHARMACY_B = PharmacyId.of("PHARM-B");
    public static final PharmacistId PHARMACIST = PharmacistId.of("RPH-1");
    public static final Instant ISSUED_AT = Instant.parse("2026-11-29T09:15:00Z");
    public static final LocalDate VALID_UNTIL = LocalDate.of(2026, 12, 2);
    /** When the tests' events happen, unless a test says otherwise. */
    public static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    /** The exchange's clock in these tests: an hour after {@link #T}, in UTC, so that T is today. */
    public static final Clock CLOCK = Clock.fixed(T.plusSeconds(3600), ZoneOffset.UTC);

    public static final DrugCatalogue CATALOGUE = new DrugCatalogue(List.of(
            new Drug(AMLODIPINE_BRAND_A, "Amlodipine 5 mg tablet (brand A)", Set.of("amlodipine"), Route.ORAL, "2171",
                    "vasodilators", "tablet", Map.of(), null, null, true, null, "アムロジピン錠5mg（先発A）"),
            new Drug(AMLODIPINE_GENERIC_C, "Amlodipine 5 mg tablet (generic)", Set.of("amlodipine"), Route.ORAL,
                    "2171", "vasodilators", "tablet")), List.of());

    private PrescriptionFixtures() {
    }

    static PrescriptionIssued issued(PrescriptionId id, int refills) {
        return issued(id, refills, PATIENT, HOSPITAL, "hash-" + id, ISSUED_AT, VALID_UNTIL);
    }

    static PrescriptionIssued issued(PrescriptionId id, int refills, PatientId patient, InstitutionId institution,
                                     String hash, Instant issuedAt, LocalDate validUntil) {
        return new PrescriptionIssued(id, new PatientDetails(patient, BIRTH_DATE, "Hanako Yamada"),
                new PrescriberDetails(DOCTOR, institution),
                List.of(new PrescribedLine(1, AMLODIPINE_BRAND_A, new BigDecimal("28"), "tablet",
                                "1 tablet once daily after breakfast", 28),
                        new PrescribedLine(2, NOT_IN_CATALOGUE, new BigDecimal("2.5"), "g", "apply twice daily", 14)),
                refills, validUntil, hash, "k1", 0, List.of(), issuedAt, java.time.LocalDate.ofInstant(issuedAt, java.time.ZoneOffset.UTC));
    }

    /** Pharmacy A's acceptance of the prescription's first use. */
    static PrescriptionAccepted acceptedByA(PrescriptionId id, Instant at) {
        return new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 1, at);
    }

    /** Pharmacy A's release of the prescription's first use, at {@link #T}: the patient left. */
    static PrescriptionReleased releasedByA(PrescriptionId id) {
        return new PrescriptionReleased(id, PHARMACY_A, 1, "patient left", T);
    }

    /** The event as the event store delivers it: its timestamp {@code sequence} seconds after {@link #T}. */
    static GenericDomainEventMessage<PrescriptionEvent> message(PrescriptionEvent event, long sequence) {
        return new GenericDomainEventMessage<>("Prescription", event.prescriptionId().toString(), sequence, event,
                MetaData.emptyInstance(), "event-" + sequence + "-" + event.prescriptionId(),
                T.plusSeconds(sequence));
    }

    static DispensedItem item(int line, String quantity, int days) {
        return new DispensedItem(line, null, new BigDecimal(quantity), days);
    }

    /** What a follower of {@code query} hears from {@code updates}, as the application's streams would. */
    static List<PrescriptionView> subscribe(PrescriptionViewUpdates updates, Object query) {
        List<PrescriptionView> received = new CopyOnWriteArrayList<>();
        updates.follow(query, received::add);
        return received;
    }
}
