package org.eprescription.api.security;

import org.eprescription.api.eventlog.PrescriptionsFromEvents;
import lombok.RequiredArgsConstructor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.eprescription.api.problem.UnknownResourceException;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.record.DispensingRecordState;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.FindPrescriptionsByPatient;
import org.eprescription.core.ids.Party;
import org.eprescription.query.alerts.query.AlertQueries;
import org.eprescription.query.alerts.query.AlertReader;
import org.eprescription.query.alerts.query.CareParties;
import org.eprescription.query.prescription.PrescriptionView;
import java.util.Optional;
import org.eprescription.query.prescription.FindPrescription;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which prescriptions, patients, institutions and pharmacies the caller may touch (the security issue's
 * authorization rules). The role was already checked per endpoint ({@link SecurityConfiguration}); this is the owner.
 * A prescription that does not exist is 404 to every caller whose role may call the endpoint, one that exists but is
 * not the caller's 403 (docs/http-api.md, "Unknown and foreign resources").
 */
@Component
@RequiredArgsConstructor
public class ResourceAccess {

    private final CurrentUser currentUser;
    private final QueryGateway queries;
    /**
     * Read directly for a draft check's care relationship: it is asked on a check's hot path, where the query bus
     * costs more than the read (docs/benchmarks.md, "Duplicate checks").
     */
    private final AlertQueries alertQueries;
    /** Asked only when a command on a prescription was refused: who is party to it, whether it exists at all. */
    private final PrescriptionsFromEvents fromEvents;

    /** The roles that may read a prescription ({@code GET /prescriptions/{id}} and its FHIR twins). */
    private static final Set<Role> PRESCRIPTION_READERS =
            EnumSet.of(Role.PRESCRIBER, Role.PHARMACIST, Role.PATIENT, Role.AUDITOR);

    /**
     * The view, if the caller is involved in it: its patient, its institution, the pharmacy holding or dispensing it.
     * A role that reads no prescription is 403 first; then a prescription the view does not have is 404, one that is
     * not the caller's 403.
     */
    public PrescriptionView readablePrescription(PrescriptionId id) {
        return readablePrescription(id, find(id));
    }

    /** As {@link #readablePrescription(PrescriptionId)}, of the view {@code found} (read elsewhere, or none). */
    public PrescriptionView readablePrescription(PrescriptionId id, Optional<PrescriptionView> found) {
        ExchangeUser user = currentUser.get();
        if (PRESCRIPTION_READERS.stream().noneMatch(user::has)) {
            throw new ForbiddenException("this role does not read prescriptions");
        }
        PrescriptionView view = found.orElseThrow(() -> unknownPrescription(id));
        if (readerOfPrescriptions().test(view)) {
            return view;
        }
        throw ForbiddenException.notYours();
    }

    /**
     * Whether the caller of this request may read a prescription as a view of it shows it, asked later (a live
     * stream's change, on another thread) with the rules of {@link #readablePrescription}.
     */
    public Predicate<PrescriptionView> readerOfPrescriptions() {
        ExchangeUser user = currentUser.get();
        return view -> user.has(Role.AUDITOR) || user.is(view.patient().id().value()) || issuedBy(user, view)
                || handledBy(user, view);
    }

    /**
     * Runs a provider's command on a prescription (cancel, release, dispense, acknowledge). The aggregate decides
     * who may (the issuing institution, the holding pharmacy), from its own events, so a view that lags never
     * refuses a rightful caller. When it refuses, a caller that neither the view nor (when the view does not show it)
     * the prescription's own events show as involved gets 403 whatever the refusal: its reason ("held by another
     * pharmacy", "not yet accepted") would tell a stranger how the prescription stands. A view that lags, or holds
     * the prescription's events in its dead-letter queue, never turns a rightful caller's refusal into 403. A prescription with no event at all is 404 for everyone (the role was checked before).
     * Any other failure (the store unreachable, a concurrent change, a commit whose outcome is unknown) is not a
     * refusal and is answered as it is: a 403 would be kept for the request's key and tell a rightful caller "not
     * yours" for good.
     */
    public <T> T commandOn(PrescriptionId id, Supplier<T> command) {
        try {
            return command.get();
        } catch (RuntimeException failure) {
            if (!refusal(failure)) {
                throw failure;
            }
            ExchangeUser user = currentUser.get();
            Predicate<PrescriptionView> involved = shown -> issuedBy(user, shown) || handledBy(user, shown);
            if (find(id).filter(involved).isPresent()) {
                throw failure;
            }
            Optional<PrescriptionView> recorded = fromEvents.read(id);
            if (recorded.filter(involved).isPresent()) {
                throw failure;
            }
            if (recorded.isEmpty()) {
                throw unknownPrescription(id);
            }
            throw ForbiddenException.notYours();
        }
    }

    private static UnknownResourceException unknownPrescription(PrescriptionId id) {
        return new UnknownResourceException("no prescription " + id);
    }

    /** Whether {@code failure} is the command's refusal or names something unknown, as opposed to a failure. */
    private static boolean refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PrescriptionRefusedException || cause instanceof AggregateNotFoundException
                    || cause instanceof UnknownResourceException || cause instanceof ForbiddenException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A patient's medications and alerts: the patient, an auditor, or a provider that has a prescription of this
     * patient (issued by its institution, held or dispensed by its pharmacy) or registered a dispensing of it.
     */
    public void requirePatientData(PatientId patient) {
        alertReader(patient);
    }

    /**
     * Who reads the patient's alerts, as {@link #requirePatientData} admits them: the patient or an auditor see every
     * alert; a provider those of the prescriptions it is party to, named as its institutions may see them
     * (docs/alerts.md, "Privacy").
     */
    public AlertReader alertReader(PatientId patient) {
        ExchangeUser user = currentUser.get();
        if (user.has(Role.AUDITOR) || user.is(patient.value())) {
            return AlertReader.EVERYONE;
        }
        List<PrescriptionView> partyTo = partyTo(user, patient);
        Set<DispensingRecordId> registered = registeredBy(user, patient);
        if (partyTo.isEmpty() && registered.isEmpty()) {
            throw ForbiddenException.notYours();
        }
        return new AlertReader(partyTo.stream().map(PrescriptionView::prescriptionId).collect(Collectors.toSet()),
                partyTo.stream().map(view -> view.prescriber().institutionId()).collect(Collectors.toSet()),
                registered);
    }

    /** The patient's dispensing records that the caller's pharmacy or institution registered. */
    private Set<DispensingRecordId> registeredBy(ExchangeUser user, PatientId patient) {
        Set<DispensingRecordId> records = new HashSet<>();
        if (user.has(Role.PHARMACIST) && user.pharmacyId() != null) {
            records.addAll(alertQueries.recordsRegisteredBy(patient, Party.Role.PHARMACIST, user.pharmacyId()));
        }
        if (user.has(Role.PRESCRIBER) && user.institutionId() != null) {
            records.addAll(alertQueries.recordsRegisteredBy(patient, Party.Role.PRESCRIBER, user.institutionId()));
        }
        return records;
    }

    /**
     * Who the caller is as far as caring for a patient goes: its institution when it prescribes, its pharmacy when it
     * dispenses. A draft check without a care relationship (and without the patient's consent) names nothing of the
     * patient's medication.
     */
    public CareParties careParties() {
        ExchangeUser user = currentUser.get();
        InstitutionId institution = user.has(Role.PRESCRIBER) && user.institutionId() != null
                ? InstitutionId.of(user.institutionId()) : null;
        PharmacyId pharmacy = user.has(Role.PHARMACIST) && user.pharmacyId() != null
                ? PharmacyId.of(user.pharmacyId()) : null;
        return new CareParties(institution, pharmacy);
    }

    private List<PrescriptionView> partyTo(ExchangeUser user, PatientId patient) {
        if (!user.has(Role.PRESCRIBER) && !user.has(Role.PHARMACIST)) {
            return List.of();
        }
        List<PrescriptionView> prescriptions = queries.query(new FindPrescriptionsByPatient(patient),
                ResponseTypes.multipleInstancesOf(PrescriptionView.class)).join();
        return prescriptions.stream().filter(view -> issuedBy(user, view) || handledBy(user, view)).toList();
    }

    /**
     * A registered dispensing is read by the pharmacy or institution that registered it, its patient and auditors;
     * anyone else gets 403 (a record that does not exist is 404 before this is asked).
     */
    public void requireRecordReader(DispensingRecordState record) {
        ExchangeUser user = currentUser.get();
        Party registrant = record.registeredBy();
        boolean registered = registrant.role() == Party.Role.PHARMACIST
                ? user.has(Role.PHARMACIST) && registrant.organisationId().equals(user.pharmacyId())
                : user.has(Role.PRESCRIBER) && registrant.organisationId().equals(user.institutionId());
        if (!(registered || user.has(Role.AUDITOR) || user.is(record.patientId().value()))) {
            throw ForbiddenException.notYours();
        }
    }

    /** What only the patient may do or read besides an auditor (consent: the patient alone, see the endpoint). */
    public void requirePatientOrAuditor(PatientId patient, boolean auditorToo) {
        ExchangeUser user = currentUser.get();
        if (user.is(patient.value()) || (auditorToo && user.has(Role.AUDITOR))) {
            return;
        }
        throw ForbiddenException.notYours();
    }

    /** An institution's own lists: its prescribers, or an auditor. */
    public void requireInstitution(String institutionId) {
        ExchangeUser user = currentUser.get();
        if (!user.has(Role.AUDITOR) && !user.prescribesFor(institutionId)) {
            throw ForbiddenException.notYours();
        }
    }

    /** A pharmacy's own views: its pharmacists, or an auditor. */
    public void requirePharmacy(String pharmacyId) {
        ExchangeUser user = currentUser.get();
        if (!user.has(Role.AUDITOR) && !user.worksAt(pharmacyId)) {
            throw ForbiddenException.notYours();
        }
    }

    private static boolean issuedBy(ExchangeUser user, PrescriptionView view) {
        return user.prescribesFor(view.prescriber().institutionId().value());
    }

    private static boolean handledBy(ExchangeUser user, PrescriptionView view) {
        if (!user.has(Role.PHARMACIST) || user.pharmacyId() == null) {
            return false;
        }
        return (view.pharmacyId() != null && user.pharmacyId().equals(view.pharmacyId().value()))
                || view.dispensings().stream().anyMatch(d -> d.pharmacyId() != null
                && user.pharmacyId().equals(d.pharmacyId().value()));
    }

    private Optional<PrescriptionView> find(PrescriptionId id) {
        return queries.query(new FindPrescription(id), ResponseTypes.optionalInstanceOf(PrescriptionView.class)).join();
    }
}
